---- MODULE MC_RxDmaIommuRestoreHeadTwoDesc ----
(* IOMMU / RESTORE_HEAD / QEMU with FrameDescs = 2: every frame spans two descriptors *)
EXTENDS RxDma

MC_N == 3
MC_Packets == {1, 2}
MC_MaxRounds == 2
MC_Tracking == "IOMMU"
MC_Restore == "RESTORE_HEAD"
MC_StopMode == "QEMU"
====
