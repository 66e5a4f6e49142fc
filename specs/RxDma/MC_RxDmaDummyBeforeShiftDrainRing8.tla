---- MODULE MC_RxDmaDummyBeforeShiftDrainRing8 ----
(* (c)+(1), cooperative stop, on an 82599-sized ring of 8 descriptors (issue 14: once a hand-made
   replay fixture, now a suite model): the dummy read-modify-write races the device's buffer DMA. *)
EXTENDS RxDma

MC_N == 8
MC_Packets == {1, 2, 3}
MC_MaxRounds == 2
MC_Tracking == "DUMMY_BEFORE"
MC_Restore == "SHIFT"
MC_StopMode == "GUEST_DRAIN"
====
