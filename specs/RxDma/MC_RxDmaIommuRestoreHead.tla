---- MODULE MC_RxDmaIommuRestoreHead ----
(* (a) with the saved head written back into VFRDH by the VMM, QEMU's stop (no guest code) *)
EXTENDS RxDma

MC_N == 3
MC_Packets == {1, 2, 3}
MC_MaxRounds == 2
MC_Tracking == "IOMMU"
MC_Restore == "RESTORE_HEAD"
MC_StopMode == "QEMU"
====
