---- MODULE MC_RxDmaDummyAfterShiftLive ----
(* (b)+(1), QEMU stop, under FairSpec: the frame NoLoss loses never reaches the stack, and FramesReachStack fails. *)
EXTENDS RxDma

MC_N == 2
MC_Packets == {1, 2}
MC_MaxRounds == 1
MC_Tracking == "DUMMY_AFTER"
MC_Restore == "SHIFT"
MC_StopMode == "QEMU_NOTIFY"
====
