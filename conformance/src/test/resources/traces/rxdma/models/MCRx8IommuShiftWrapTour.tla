---- MODULE MCRx8IommuShiftWrapTour ----
EXTENDS RxDma
MC_N == 8
MC_Packets == {1, 2, 3}
MC_MaxRounds == 2
MC_Tracking == "IOMMU"
MC_Restore == "SHIFT"
MC_StopMode == "QEMU_NOTIFY"
\* the ring stands at head 7 when migration starts: frame 1 goes into slot 7 and RDH wraps to 0
MC_InitHead == 7
NotYetReceivedAtDestination == ~(phase = "DEST" /\ RDH # 0 /\ Len(delivered) >= 2)
====
