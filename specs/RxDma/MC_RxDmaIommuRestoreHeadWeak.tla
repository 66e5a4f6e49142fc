---- MODULE MC_RxDmaIommuRestoreHeadWeak ----
(* IOMMU / RESTORE_HEAD / QEMU under the weaker assumptions that are not about the stop: 2 frames in flight, length-then-status reads, batched refill *)
EXTENDS RxDma

MC_N == 3
MC_Packets == {1, 2}
MC_MaxRounds == 2
MC_Tracking == "IOMMU"
MC_Restore == "RESTORE_HEAD"
MC_StopMode == "QEMU"
====
