---- MODULE MC_RxDmaIommuShiftRoundsLive ----
(* (a)+(1) under FairSpec, ring of 2, 1 frame, 2 pre-copy rounds: the liveness models of one round never run SyncDirty, so they cannot see a pre-copy that never ends; here the migration must still reach the destination (DestRxResumes) after a dirty sync, and every frame reaches the stack or the drop counter (FramesReachStack). *)
EXTENDS RxDma

MC_N == 2
MC_Packets == {1}
MC_MaxRounds == 2
MC_Tracking == "IOMMU"
MC_Restore == "SHIFT"
MC_StopMode == "QEMU_NOTIFY"
====
