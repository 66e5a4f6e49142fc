---- MODULE MC_RxDmaIommuHeadZeroLossRing8 ----
(* (a)+(3) without the ownership check, on an 82599-sized ring of 8 descriptors (issue 14: once a
   hand-made replay fixture, now a suite model): what the misplaced head does to frames. *)
EXTENDS RxDma

MC_N == 8
MC_Packets == {1, 2, 3}
MC_MaxRounds == 2
MC_Tracking == "IOMMU"
MC_Restore == "HEAD_ZERO"
MC_StopMode == "QEMU"
====
