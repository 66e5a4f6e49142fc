---- MODULE MC_RxDmaIommuShiftDeep ----
(* deep: (a)+(1) with 4 frames and 3 pre-copy rounds. *)
EXTENDS RxDma

MC_N == 4
MC_Packets == {1, 2, 3, 4}
MC_MaxRounds == 3
MC_Tracking == "IOMMU"
MC_Restore == "SHIFT"
MC_StopMode == "QEMU_NOTIFY"
====
