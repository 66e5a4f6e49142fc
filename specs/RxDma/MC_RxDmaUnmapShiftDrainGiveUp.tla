---- MODULE MC_RxDmaUnmapShiftDrainGiveUp ----
(* UNMAP / SHIFT / GUEST_DRAIN, DisableWaits = FALSE: the Rx disable poll gives up with a frame in flight *)
EXTENDS RxDma

MC_N == 3
MC_Packets == {1, 2, 3}
MC_MaxRounds == 2
MC_Tracking == "UNMAP"
MC_Restore == "SHIFT"
MC_StopMode == "GUEST_DRAIN"
====
