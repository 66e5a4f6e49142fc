---- MODULE MC_RxDmaUnmapShiftDrainWeak ----
(* UNMAP / SHIFT / GUEST_DRAIN under 2 frames in flight, length-then-status reads, batched refill, DMA after stop *)
EXTENDS RxDma

MC_N == 3
MC_Packets == {1, 2}
MC_MaxRounds == 2
MC_Tracking == "UNMAP"
MC_Restore == "SHIFT"
MC_StopMode == "GUEST_DRAIN"
====
