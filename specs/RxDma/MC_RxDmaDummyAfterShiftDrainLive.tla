---- MODULE MC_RxDmaDummyAfterShiftDrainLive ----
(* (b)+(1), cooperative stop, under FairSpec, ring of 2, 2 frames: liveness holds (the drain completes, the vCPUs are paused). *)
EXTENDS RxDma

MC_N == 2
MC_Packets == {1, 2}
MC_MaxRounds == 1
MC_Tracking == "DUMMY_AFTER"
MC_Restore == "SHIFT"
MC_StopMode == "GUEST_DRAIN"
====
