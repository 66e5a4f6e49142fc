---- MODULE MC_RxDmaIommuReinitWrapFrames4 ----
(* (a)+(2) on a ring of 2 with 4 frames (ring wraps, buffers reused): holds *)
EXTENDS RxDma

MC_N == 2
MC_Packets == {1, 2, 3, 4}
MC_MaxRounds == 2
MC_Tracking == "IOMMU"
MC_Restore == "REINIT"
MC_StopMode == "QEMU_NOTIFY"
====
