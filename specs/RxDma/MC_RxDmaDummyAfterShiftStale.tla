---- MODULE MC_RxDmaDummyAfterShiftStale ----
(* (b)+(1), QEMU stop, NoLoss left out: the stale-buffer consumption behind it. *)
EXTENDS RxDma

MC_N == 4
MC_Packets == {1, 2, 3}
MC_MaxRounds == 2
MC_Tracking == "DUMMY_AFTER"
MC_Restore == "SHIFT"
MC_StopMode == "QEMU_NOTIFY"
====
