---- MODULE MC_RxDmaIommuReinitWrap ----
(* (a)+(2) on a ring of 2 with 3 frames (ring wraps, buffers reused): holds *)
EXTENDS RxDma

MC_N == 2
MC_Packets == {1, 2, 3}
MC_MaxRounds == 2
MC_Tracking == "IOMMU"
MC_Restore == "REINIT"
MC_StopMode == "QEMU_NOTIFY"
====
