---- MODULE MC_RxDmaDummyAfterShiftDrainWrapDeep ----
(* deep: (b)+(1), cooperative stop, ring of 3 with 5 frames and 3 pre-copy rounds *)
EXTENDS RxDma

MC_N == 3
MC_Packets == {1, 2, 3, 4, 5}
MC_MaxRounds == 3
MC_Tracking == "DUMMY_AFTER"
MC_Restore == "SHIFT"
MC_StopMode == "GUEST_DRAIN"
====
