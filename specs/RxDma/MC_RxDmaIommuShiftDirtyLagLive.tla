---- MODULE MC_RxDmaIommuShiftDirtyLagLive ----
(* (a)+(1) with a late dirty bit (DirtyLag) under FairSpec, ring of 2, 1 frame, 1 round: every page written while logging is logged or has its bit on the way, and every late bit arrives (NoLoss fails at the final copy: RxDmaIommuShiftDirtyLag). *)
EXTENDS RxDma

MC_N == 2
MC_Packets == {1}
MC_MaxRounds == 1
MC_Tracking == "IOMMU"
MC_Restore == "SHIFT"
MC_StopMode == "QEMU_NOTIFY"
====
