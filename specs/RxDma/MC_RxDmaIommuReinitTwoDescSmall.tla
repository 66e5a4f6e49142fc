---- MODULE MC_RxDmaIommuReinitTwoDescSmall ----
(* (a)+(2) with two-descriptor frames on a ring of 3, 2 frames, 1 round: the smallest bounds at which a two-descriptor frame is taken, parked in rx_ring->skb and completed, at the source and after the re-init (RxDmaIommuReinitTwoDesc, 83,212 states, has 2 rounds). *)
EXTENDS RxDma

MC_N == 3
MC_Packets == {1, 2}
MC_MaxRounds == 1
MC_Tracking == "IOMMU"
MC_Restore == "REINIT"
MC_StopMode == "QEMU_NOTIFY"
====
