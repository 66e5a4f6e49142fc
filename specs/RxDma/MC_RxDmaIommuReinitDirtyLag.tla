---- MODULE MC_RxDmaIommuReinitDirtyLag ----
(* (a)+(2), DirtyLag: the dirty bit is set after the write lands *)
EXTENDS RxDma

MC_N == 4
MC_Packets == {1, 2, 3}
MC_MaxRounds == 2
MC_Tracking == "IOMMU"
MC_Restore == "REINIT"
MC_StopMode == "QEMU_NOTIFY"
====
