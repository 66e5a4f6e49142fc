---- MODULE MC_RxDmaIommuReinitTwoDesc ----
(* IommuReinit with FrameDescs = 2: every frame spans two descriptors *)
EXTENDS RxDma

MC_N == 3
MC_Packets == {1, 2}
MC_MaxRounds == 2
MC_Tracking == "IOMMU"
MC_Restore == "REINIT"
MC_StopMode == "QEMU_NOTIFY"
====
