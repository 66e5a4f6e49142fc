---- MODULE MC_RxDmaIommuRestoreHeadDmaAfterStop ----
(* IOMMU / RESTORE_HEAD / QEMU, DmaAfterStop = TRUE: a write-back may land after STOP *)
EXTENDS RxDma

MC_N == 3
MC_Packets == {1, 2, 3}
MC_MaxRounds == 2
MC_Tracking == "IOMMU"
MC_Restore == "RESTORE_HEAD"
MC_StopMode == "QEMU"
====
