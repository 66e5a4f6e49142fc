---- MODULE MC_RxDmaDummyAfterShiftDrainDeep ----
(* deep: (b)+(1), cooperative stop, 4 frames, 3 rounds. *)
EXTENDS RxDma

MC_N == 4
MC_Packets == {1, 2, 3, 4}
MC_MaxRounds == 3
MC_Tracking == "DUMMY_AFTER"
MC_Restore == "SHIFT"
MC_StopMode == "GUEST_DRAIN"
====
