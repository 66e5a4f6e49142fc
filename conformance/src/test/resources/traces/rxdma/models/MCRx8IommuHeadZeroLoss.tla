---- MODULE MCRx8IommuHeadZeroLoss ----
EXTENDS RxDma
MC_N == 8
MC_Packets == {1, 2, 3}
MC_MaxRounds == 2
MC_Tracking == "IOMMU"
MC_Restore == "HEAD_ZERO"
MC_StopMode == "QEMU"

====
