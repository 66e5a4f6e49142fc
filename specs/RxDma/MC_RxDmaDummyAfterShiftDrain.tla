---- MODULE MC_RxDmaDummyAfterShiftDrain ----
(* (b)+(1) with the RFC's cooperative stop: Rx disabled, guest cleans the ring, then vCPUs pause.  CI bounds: ring 4, 2 frames, 2 rounds (RxDmaDummyAfterShiftDrainFrames3, in deep, has 3 frames). *)
EXTENDS RxDma

MC_N == 4
MC_Packets == {1, 2}
MC_MaxRounds == 2
MC_Tracking == "DUMMY_AFTER"
MC_Restore == "SHIFT"
MC_StopMode == "GUEST_DRAIN"
====
