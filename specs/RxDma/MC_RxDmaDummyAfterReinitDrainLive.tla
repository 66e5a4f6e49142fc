---- MODULE MC_RxDmaDummyAfterReinitDrainLive ----
(* (b)+(2), cooperative stop, under FairSpec, ring of 2, 2 frames: liveness holds. *)
EXTENDS RxDma

MC_N == 2
MC_Packets == {1, 2}
MC_MaxRounds == 1
MC_Tracking == "DUMMY_AFTER"
MC_Restore == "REINIT"
MC_StopMode == "GUEST_DRAIN"
====
