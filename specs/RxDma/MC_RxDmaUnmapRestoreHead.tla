---- MODULE MC_RxDmaUnmapRestoreHead ----
(* dirty-on-unmap with the head restored by the VMM, QEMU's stop *)
EXTENDS RxDma

MC_N == 4
MC_Packets == {1, 2, 3}
MC_MaxRounds == 2
MC_Tracking == "UNMAP"
MC_Restore == "RESTORE_HEAD"
MC_StopMode == "QEMU"
====
