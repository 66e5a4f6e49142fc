---- MODULE MC_RxDmaNoneRestoreHeadOrdered ----
(* no tracking, ordered final copy (ring page, then every mapped buffer; Duyck, seed 002), head restored by the VMM, QEMU's stop *)
EXTENDS RxDma

MC_N == 3
MC_Packets == {1, 2, 3}
MC_MaxRounds == 2
MC_Tracking == "NONE"
MC_Restore == "RESTORE_HEAD"
MC_StopMode == "QEMU"
====
