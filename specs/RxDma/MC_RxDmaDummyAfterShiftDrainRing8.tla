---- MODULE MC_RxDmaDummyAfterShiftDrainRing8 ----
(* bounds (issue 11 item 4): (b)+(1), cooperative stop on an 82599-sized ring of 8 descriptors, two frames in flight (MaxInflight = 2), 3 frames, 2 pre-copy rounds; migration starts with the head at 6, so the third frame wraps the ring. *)
EXTENDS RxDma

MC_N == 8
MC_Packets == {1, 2, 3}
MC_MaxRounds == 2
MC_Tracking == "DUMMY_AFTER"
MC_Restore == "SHIFT"
MC_InitHead == 6
MC_StopMode == "GUEST_DRAIN"
====
