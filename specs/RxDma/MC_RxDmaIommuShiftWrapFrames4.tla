---- MODULE MC_RxDmaIommuShiftWrapFrames4 ----
(* (a)+(1) on a ring of 2 with 4 frames: the ring wraps and every buffer is reused, which the 4-slot models with 3 frames never do: holds *)
EXTENDS RxDma

MC_N == 2
MC_Packets == {1, 2, 3, 4}
MC_MaxRounds == 2
MC_Tracking == "IOMMU"
MC_Restore == "SHIFT"
MC_StopMode == "QEMU_NOTIFY"
====
