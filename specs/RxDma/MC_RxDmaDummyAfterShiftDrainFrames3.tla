---- MODULE MC_RxDmaDummyAfterShiftDrainFrames3 ----
(* (b)+(1) with the RFC's cooperative stop: Rx disabled, guest cleans the ring, then vCPUs pause. *)
EXTENDS RxDma

MC_N == 4
MC_Packets == {1, 2, 3}
MC_MaxRounds == 2
MC_Tracking == "DUMMY_AFTER"
MC_Restore == "SHIFT"
MC_StopMode == "GUEST_DRAIN"
====
