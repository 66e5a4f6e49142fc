---- MODULE MC_RxDmaIommuRestoreHeadDirtyLag ----
(* IOMMU / RESTORE_HEAD / QEMU, DirtyLag = TRUE: the dirty bit is set after the write lands *)
EXTENDS RxDma

MC_N == 3
MC_Packets == {1, 2, 3}
MC_MaxRounds == 2
MC_Tracking == "IOMMU"
MC_Restore == "RESTORE_HEAD"
MC_StopMode == "QEMU"
====
