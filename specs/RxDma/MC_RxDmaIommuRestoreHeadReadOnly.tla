---- MODULE MC_RxDmaIommuRestoreHeadReadOnly ----
(* (a) with the head restored by the VMM, on a VF whose head is read-only (the RFC's claim) *)
EXTENDS RxDma

MC_N == 4
MC_Packets == {1, 2, 3}
MC_MaxRounds == 2
MC_Tracking == "IOMMU"
MC_Restore == "RESTORE_HEAD"
MC_StopMode == "QEMU"
====
