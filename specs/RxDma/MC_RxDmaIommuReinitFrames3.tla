---- MODULE MC_RxDmaIommuReinitFrames3 ----
(* (a)+(2): IOMMU dirty log, old ring cleaned then re-initialised at the destination. *)
EXTENDS RxDma

MC_N == 4
MC_Packets == {1, 2, 3}
MC_MaxRounds == 2
MC_Tracking == "IOMMU"
MC_Restore == "REINIT"
MC_StopMode == "QEMU_NOTIFY"
====
