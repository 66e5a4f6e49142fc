---- MODULE MC_RxDmaIommuShift_Tour ----
(* Tour model of MC_RxDmaIommuShift (and its Wrap variant): the same strategy (IOMMU / SHIFT / QEMU) *)
(* with a 2-descriptor ring, 1 packet and 1 pre-copy round, small enough that a   *)
(* transition tour covering every reachable edge fits in traces/ (checker traces).   *)
EXTENDS RxDma

MC_N == 2
MC_Packets == {1}
MC_MaxRounds == 1
MC_Tracking == "IOMMU"
MC_Restore == "SHIFT"
MC_StopMode == "QEMU_NOTIFY"
====
