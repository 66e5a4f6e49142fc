---- MODULE MC_RxDmaDummyAfterDropRing ----
(* (b) with Duyck's drop-the-ring REINIT, QEMU stop with the driver notified at the destination: every property but the cost NoDiscard *)
EXTENDS RxDma

MC_N == 4
MC_Packets == {1, 2, 3}
MC_MaxRounds == 2
MC_Tracking == "DUMMY_AFTER"
MC_Restore == "DROP_RING"
MC_StopMode == "QEMU_NOTIFY"
====
