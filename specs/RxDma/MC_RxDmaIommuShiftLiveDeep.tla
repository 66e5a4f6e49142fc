---- MODULE MC_RxDmaIommuShiftLiveDeep ----
(* deep: (a)+(1) under FairSpec with the CI safety constants (ring of 4, 3 frames, 2 rounds). *)
EXTENDS RxDma

MC_N == 4
MC_Packets == {1, 2, 3}
MC_MaxRounds == 2
MC_Tracking == "IOMMU"
MC_Restore == "SHIFT"
MC_StopMode == "QEMU"
====
