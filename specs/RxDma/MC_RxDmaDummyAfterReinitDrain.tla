---- MODULE MC_RxDmaDummyAfterReinitDrain ----
(* (b)+(2) with the cooperative stop.  CI bounds: ring 4, 2 frames, 2 rounds (RxDmaDummyAfterReinitDrainFrames3, in deep, has 3 frames). *)
EXTENDS RxDma

MC_N == 4
MC_Packets == {1, 2}
MC_MaxRounds == 2
MC_Tracking == "DUMMY_AFTER"
MC_Restore == "REINIT"
MC_StopMode == "GUEST_DRAIN"
====
