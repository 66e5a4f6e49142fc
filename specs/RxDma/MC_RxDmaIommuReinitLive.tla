---- MODULE MC_RxDmaIommuReinitLive ----
(* (a)+(2) under FairSpec, ring of 2, 2 frames: liveness holds (the drain and the re-init both complete). *)
EXTENDS RxDma

MC_N == 2
MC_Packets == {1, 2}
MC_MaxRounds == 1
MC_Tracking == "IOMMU"
MC_Restore == "REINIT"
MC_StopMode == "QEMU_NOTIFY"
====
