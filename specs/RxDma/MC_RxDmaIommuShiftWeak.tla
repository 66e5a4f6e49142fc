---- MODULE MC_RxDmaIommuShiftWeak ----
(* (a)+(1) under every weaker assumption it survives: 2 frames in flight, length-then-status reads, batched refill *)
EXTENDS RxDma

MC_N == 3
MC_Packets == {1, 2, 3}
MC_MaxRounds == 2
MC_Tracking == "IOMMU"
MC_Restore == "SHIFT"
MC_StopMode == "QEMU_NOTIFY"
====
