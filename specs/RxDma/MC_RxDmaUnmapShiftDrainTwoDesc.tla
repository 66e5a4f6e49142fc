---- MODULE MC_RxDmaUnmapShiftDrainTwoDesc ----
(* UNMAP / SHIFT / GUEST_DRAIN with FrameDescs = 2: every frame spans two descriptors *)
EXTENDS RxDma

MC_N == 3
MC_Packets == {1, 2}
MC_MaxRounds == 2
MC_Tracking == "UNMAP"
MC_Restore == "SHIFT"
MC_StopMode == "GUEST_DRAIN"
====
