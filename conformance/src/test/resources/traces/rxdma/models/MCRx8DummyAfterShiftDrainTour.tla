---- MODULE MCRx8DummyAfterShiftDrainTour ----
EXTENDS RxDma
MC_N == 8
MC_Packets == {1, 2, 3}
MC_MaxRounds == 2
MC_Tracking == "DUMMY_AFTER"
MC_Restore == "SHIFT"
MC_StopMode == "GUEST_DRAIN"
NotYetReceivedAtDestination == ~(phase = "DEST" /\ RDH # 0 /\ Len(delivered) >= 2)
====
