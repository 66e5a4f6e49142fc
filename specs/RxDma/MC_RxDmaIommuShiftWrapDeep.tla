---- MODULE MC_RxDmaIommuShiftWrapDeep ----
(* deep: (a)+(1) on a ring of 3 with 5 frames and 3 pre-copy rounds (two laps) *)
EXTENDS RxDma

MC_N == 3
MC_Packets == {1, 2, 3, 4, 5}
MC_MaxRounds == 3
MC_Tracking == "IOMMU"
MC_Restore == "SHIFT"
MC_StopMode == "QEMU_NOTIFY"
====
