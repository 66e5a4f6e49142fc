---- MODULE MC_RxDmaDummyAfterShiftTorn ----
(* (b)+(1), QEMU stop, DescRead = LEN_THEN_STATUS: the length is read at the source, the status at the destination from a ring page sent before the write-back *)
EXTENDS RxDma

MC_N == 4
MC_Packets == {1, 2, 3}
MC_MaxRounds == 2
MC_Tracking == "DUMMY_AFTER"
MC_Restore == "SHIFT"
MC_StopMode == "QEMU_NOTIFY"
====
