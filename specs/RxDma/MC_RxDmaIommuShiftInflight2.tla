---- MODULE MC_RxDmaIommuShiftInflight2 ----
(* (a)+(1) with two frames in flight (MaxInflight = 2: the 82599 prefetches descriptors and batches write-backs, so a second frame's buffer DMA may come before the first frame's write-back), ring of 3, 2 frames, 1 round: the smallest bounds at which two different frames are in flight at once. The Weak and Ring8 models have MaxInflight = 2 too, at 18,000-1,300,000 states; this one is small enough to judge mutants. *)
EXTENDS RxDma

MC_N == 3
MC_Packets == {1, 2}
MC_MaxRounds == 1
MC_Tracking == "IOMMU"
MC_Restore == "SHIFT"
MC_StopMode == "QEMU_NOTIFY"
====
