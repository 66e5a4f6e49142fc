---- MODULE MC_RxDmaDummyAfterShiftDrainGiveUp ----
(* (b)+(1), cooperative stop, DisableWaits = FALSE: the Rx disable poll gives up with a frame in flight *)
EXTENDS RxDma

MC_N == 4
MC_Packets == {1, 2, 3}
MC_MaxRounds == 2
MC_Tracking == "DUMMY_AFTER"
MC_Restore == "SHIFT"
MC_StopMode == "GUEST_DRAIN"
====
