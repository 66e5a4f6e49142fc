---- MODULE MC_RxDmaIommuRestoreHeadReadOnlyHead ----
(* Broken variant of HeadAgrees: the VMM restores the head on a VF whose head is read-only (the RFC's claim, HeadWritable = FALSE), so the destination's RDH is 0 while next_to_clean is past the frames already taken; RxDmaIommuRestoreHeadReadOnly shows the same defect as RingOwnership. *)
EXTENDS RxDma

MC_N == 4
MC_Packets == {1, 2, 3}
MC_MaxRounds == 2
MC_Tracking == "IOMMU"
MC_Restore == "RESTORE_HEAD"
MC_StopMode == "QEMU"
====
