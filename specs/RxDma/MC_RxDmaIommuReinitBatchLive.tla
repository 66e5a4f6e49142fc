---- MODULE MC_RxDmaIommuReinitBatchLive ----
(* (a)+(2) with batched refills (RefillBatch) under FairSpec, ring of 2, 1 frame: the destination drains, re-initialises and receives again; the ring as driver and device see it agrees; the VF drops only frames it cannot take. *)
EXTENDS RxDma

MC_N == 2
MC_Packets == {1}
MC_MaxRounds == 1
MC_Tracking == "IOMMU"
MC_Restore == "REINIT"
MC_StopMode == "QEMU_NOTIFY"
====
