---- MODULE MC_RxDmaIommuShift ----
(* (a)+(1): IOMMU dirty log read-and-clear, ring shifted so the saved head is index 0.  CI bounds: ring 4, 2 frames, 2 rounds (RxDmaIommuShiftFrames3, in deep, has 3 frames). *)
EXTENDS RxDma

MC_N == 4
MC_Packets == {1, 2}
MC_MaxRounds == 2
MC_Tracking == "IOMMU"
MC_Restore == "SHIFT"
MC_StopMode == "QEMU_NOTIFY"
====
