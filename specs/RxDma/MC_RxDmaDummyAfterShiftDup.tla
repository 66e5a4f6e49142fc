---- MODULE MC_RxDmaDummyAfterShiftDup ----
(* (b)+(1), QEMU stop, ring of 2 so the third frame reuses a buffer: the stale buffer holds an older frame. *)
EXTENDS RxDma

MC_N == 2
MC_Packets == {1, 2, 3}
MC_MaxRounds == 2
MC_Tracking == "DUMMY_AFTER"
MC_Restore == "SHIFT"
MC_StopMode == "QEMU_NOTIFY"
====
