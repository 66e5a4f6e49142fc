---- MODULE MC_RxDmaDummyBeforeShiftDrain ----
(* (c)+(1), cooperative stop: the dummy read-modify-write races the device's buffer DMA. *)
EXTENDS RxDma

MC_N == 4
MC_Packets == {1, 2, 3}
MC_MaxRounds == 2
MC_Tracking == "DUMMY_BEFORE"
MC_Restore == "SHIFT"
MC_StopMode == "GUEST_DRAIN"
====
