---- MODULE MC_RxDmaDummyAfterShiftDrainWrapFrames4 ----
(* (b)+(1), cooperative stop, ring of 2 with 4 frames (ring wraps, buffers reused): holds *)
EXTENDS RxDma

MC_N == 2
MC_Packets == {1, 2, 3, 4}
MC_MaxRounds == 2
MC_Tracking == "DUMMY_AFTER"
MC_Restore == "SHIFT"
MC_StopMode == "GUEST_DRAIN"
====
