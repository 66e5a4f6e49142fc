---- MODULE MC_RxDmaIommuShiftFrames3 ----
(* (a)+(1): IOMMU dirty log read-and-clear, ring shifted so the saved head is index 0. *)
EXTENDS RxDma

MC_N == 4
MC_Packets == {1, 2, 3}
MC_MaxRounds == 2
MC_Tracking == "IOMMU"
MC_Restore == "SHIFT"
MC_StopMode == "QEMU_NOTIFY"
====
