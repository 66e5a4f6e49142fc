---- MODULE MC_RxDmaIommuHeadZeroLoss ----
(* (a)+(3) without the ownership check: what the misplaced head does to frames. *)
EXTENDS RxDma

MC_N == 4
MC_Packets == {1, 2, 3}
MC_MaxRounds == 2
MC_Tracking == "IOMMU"
MC_Restore == "HEAD_ZERO"
MC_StopMode == "QEMU"
====
