---- MODULE MCRx8DummyBeforeShiftDrain ----
EXTENDS RxDma
MC_N == 8
MC_Packets == {1, 2, 3}
MC_MaxRounds == 2
MC_Tracking == "DUMMY_BEFORE"
MC_Restore == "SHIFT"
MC_StopMode == "GUEST_DRAIN"

====
