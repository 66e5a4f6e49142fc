---- MODULE MC_RxDmaIommuReinitNoRxReenable ----
(* (a)+(2) with the defect NoRxReenable: the destination drains the old ring but never re-initialises it, RXDCTL.ENABLE stays 0; every safety invariant holds, DestRxResumes fails. *)
EXTENDS RxDma

MC_N == 2
MC_Packets == {1, 2}
MC_MaxRounds == 1
MC_Tracking == "IOMMU"
MC_Restore == "REINIT"
MC_StopMode == "QEMU_NOTIFY"
====
