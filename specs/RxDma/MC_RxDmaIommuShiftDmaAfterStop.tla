---- MODULE MC_RxDmaIommuShiftDmaAfterStop ----
(* (a)+(1), DmaAfterStop: the in-flight write-back may land after STOP *)
EXTENDS RxDma

MC_N == 4
MC_Packets == {1, 2, 3}
MC_MaxRounds == 2
MC_Tracking == "IOMMU"
MC_Restore == "SHIFT"
MC_StopMode == "QEMU_NOTIFY"
====
