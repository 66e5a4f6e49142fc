---- MODULE MC_RxDmaIommuReinitTwoDescLive ----
(* (a)+(2) with two-descriptor frames and length-then-status reads under FairSpec, ring of 3, 1 frame, 1 round: the frame is taken in two parts (the status read a step of its own), parked in rx_ring->skb and completed, and reaches the stack; the destination receives again. The liveness of the two-descriptor and length-then-status driver steps, which the one-descriptor liveness models never take. *)
EXTENDS RxDma

MC_N == 3
MC_Packets == {1}
MC_MaxRounds == 1
MC_Tracking == "IOMMU"
MC_Restore == "REINIT"
MC_StopMode == "QEMU_NOTIFY"
====
