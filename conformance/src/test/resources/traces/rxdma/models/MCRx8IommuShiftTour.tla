---- MODULE MCRx8IommuShiftTour ----
EXTENDS RxDma
MC_N == 8
MC_Packets == {1, 2, 3}
MC_MaxRounds == 2
MC_Tracking == "IOMMU"
MC_Restore == "SHIFT"
MC_StopMode == "QEMU_NOTIFY"
NotYetReceivedAtDestination == ~(phase = "DEST" /\ RDH # 0 /\ Len(delivered) >= 2)
====
