---- MODULE MC_RxDmaDummyAfterDropRingCost ----
(* (b) with drop-the-ring REINIT: the frames it discards by design (NoDiscard, the strategy's cost) *)
EXTENDS RxDma

MC_N == 4
MC_Packets == {1, 2, 3}
MC_MaxRounds == 2
MC_Tracking == "DUMMY_AFTER"
MC_Restore == "DROP_RING"
MC_StopMode == "QEMU_NOTIFY"
====
