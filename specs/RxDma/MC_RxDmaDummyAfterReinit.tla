---- MODULE MC_RxDmaDummyAfterReinit ----
(* (b)+(2) with QEMU's stop order: re-initialising the ring does not save guest-side tracking. *)
EXTENDS RxDma

MC_N == 4
MC_Packets == {1, 2, 3}
MC_MaxRounds == 2
MC_Tracking == "DUMMY_AFTER"
MC_Restore == "REINIT"
MC_StopMode == "QEMU_NOTIFY"
====
