---- MODULE MC_RxDmaDummyAfterReinitDrainFrames3 ----
(* (b)+(2) with the cooperative stop. *)
EXTENDS RxDma

MC_N == 4
MC_Packets == {1, 2, 3}
MC_MaxRounds == 2
MC_Tracking == "DUMMY_AFTER"
MC_Restore == "REINIT"
MC_StopMode == "GUEST_DRAIN"
====
