---- MODULE MC_RxDmaIommuReinitWeak ----
(* (a)+(2) under every weaker assumption it survives: 2 frames in flight, length-then-status reads, batched refill *)
EXTENDS RxDma

MC_N == 3
MC_Packets == {1, 2, 3}
MC_MaxRounds == 2
MC_Tracking == "IOMMU"
MC_Restore == "REINIT"
MC_StopMode == "QEMU_NOTIFY"
====
