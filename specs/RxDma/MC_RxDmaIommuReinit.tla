---- MODULE MC_RxDmaIommuReinit ----
(* (a)+(2): IOMMU dirty log, old ring cleaned then re-initialised at the destination.  CI bounds: ring 4, 2 frames, 2 rounds (RxDmaIommuReinitFrames3, in deep, has 3 frames). *)
EXTENDS RxDma

MC_N == 4
MC_Packets == {1, 2}
MC_MaxRounds == 2
MC_Tracking == "IOMMU"
MC_Restore == "REINIT"
MC_StopMode == "QEMU_NOTIFY"
====
