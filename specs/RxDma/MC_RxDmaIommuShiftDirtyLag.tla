---- MODULE MC_RxDmaIommuShiftDirtyLag ----
(* (a)+(1), DirtyLag: the dirty bit is set after the write lands *)
EXTENDS RxDma

MC_N == 4
MC_Packets == {1, 2, 3}
MC_MaxRounds == 2
MC_Tracking == "IOMMU"
MC_Restore == "SHIFT"
MC_StopMode == "QEMU_NOTIFY"
====
