---- MODULE MC_RxDmaIommuReinitDeep ----
(* deep: (a)+(2) with 4 frames and 3 pre-copy rounds. *)
EXTENDS RxDma

MC_N == 4
MC_Packets == {1, 2, 3, 4}
MC_MaxRounds == 3
MC_Tracking == "IOMMU"
MC_Restore == "REINIT"
MC_StopMode == "QEMU_NOTIFY"
====
