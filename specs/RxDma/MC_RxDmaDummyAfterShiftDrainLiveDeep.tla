---- MODULE MC_RxDmaDummyAfterShiftDrainLiveDeep ----
(* deep: (b)+(1), cooperative stop, under FairSpec (ring of 4, 3 frames, 2 rounds). *)
EXTENDS RxDma

MC_N == 4
MC_Packets == {1, 2, 3}
MC_MaxRounds == 2
MC_Tracking == "DUMMY_AFTER"
MC_Restore == "SHIFT"
MC_StopMode == "GUEST_DRAIN"
====
