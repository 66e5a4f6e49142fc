---- MODULE MC_RxDmaUnmapShiftDrain ----
(* dirty-on-unmap (Tsirkin, seed 000) with SHIFT and the cooperative stop *)
EXTENDS RxDma

MC_N == 3
MC_Packets == {1, 2, 3}
MC_MaxRounds == 2
MC_Tracking == "UNMAP"
MC_Restore == "SHIFT"
MC_StopMode == "GUEST_DRAIN"
====
