---- MODULE MC_RxDmaNoneRestoreHeadOrderedLate ----
(* ordered final copy with DmaAfterStop: a write-back after the final copy *)
EXTENDS RxDma

MC_N == 4
MC_Packets == {1, 2, 3}
MC_MaxRounds == 2
MC_Tracking == "NONE"
MC_Restore == "RESTORE_HEAD"
MC_StopMode == "QEMU"
====
