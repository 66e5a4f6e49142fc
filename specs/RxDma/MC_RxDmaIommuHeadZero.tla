---- MODULE MC_RxDmaIommuHeadZero ----
(* (a)+(3): head comes back as 0 and the ring is not shifted. *)
EXTENDS RxDma

MC_N == 4
MC_Packets == {1, 2, 3}
MC_MaxRounds == 2
MC_Tracking == "IOMMU"
MC_Restore == "HEAD_ZERO"
MC_StopMode == "QEMU"
====
