---- MODULE MC_RxDmaIommuShiftLive ----
(* (a)+(1) under FairSpec, ring of 2, 2 frames (the ring wraps): every offered frame reaches the stack or is counted, and the destination receives again. *)
EXTENDS RxDma

MC_N == 2
MC_Packets == {1, 2}
MC_MaxRounds == 1
MC_Tracking == "IOMMU"
MC_Restore == "SHIFT"
MC_StopMode == "QEMU_NOTIFY"
====
