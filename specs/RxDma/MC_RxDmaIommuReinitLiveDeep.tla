---- MODULE MC_RxDmaIommuReinitLiveDeep ----
(* deep: (a)+(2) under FairSpec with the CI safety constants (ring of 4, 3 frames, 2 rounds). *)
EXTENDS RxDma

MC_N == 4
MC_Packets == {1, 2, 3}
MC_MaxRounds == 2
MC_Tracking == "IOMMU"
MC_Restore == "REINIT"
MC_StopMode == "QEMU"
====
