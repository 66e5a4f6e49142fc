---- MODULE MC_RxDmaIommuRestoreHeadNoRxReenable ----
(* IOMMU / RESTORE_HEAD / QEMU with the defect NoRxReenable: the VMM writes the saved head into VFRDH but leaves RXDCTL.ENABLE at its reset value 0, so the destination never receives again; every safety invariant holds, DestRxResumes fails. The REINIT row shows the defect with the guest's re-init; this one with the hypervisor-side restore, which sets ENABLE in Resume itself. *)
EXTENDS RxDma

MC_N == 2
MC_Packets == {1}
MC_MaxRounds == 1
MC_Tracking == "IOMMU"
MC_Restore == "RESTORE_HEAD"
MC_StopMode == "QEMU"
====
