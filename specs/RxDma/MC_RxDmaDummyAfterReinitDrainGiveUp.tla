---- MODULE MC_RxDmaDummyAfterReinitDrainGiveUp ----
(* (b)+(2), cooperative stop, DisableWaits = FALSE: the Rx disable poll gives up with a frame in flight *)
EXTENDS RxDma

MC_N == 4
MC_Packets == {1, 2, 3}
MC_MaxRounds == 2
MC_Tracking == "DUMMY_AFTER"
MC_Restore == "REINIT"
MC_StopMode == "GUEST_DRAIN"
====
