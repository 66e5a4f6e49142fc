---- MODULE MC_RxDmaNoneRestoreHeadOrderedWeak ----
(* NONE / RESTORE_HEAD / QEMU, ordered final copy, under 2 frames in flight, length-then-status reads, batched refill *)
EXTENDS RxDma

MC_N == 3
MC_Packets == {1, 2}
MC_MaxRounds == 2
MC_Tracking == "NONE"
MC_Restore == "RESTORE_HEAD"
MC_StopMode == "QEMU"
====
