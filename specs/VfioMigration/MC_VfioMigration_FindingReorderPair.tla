----------------- MODULE MC_VfioMigration_FindingReorderPair -----------------
(* FINDING (QEMU 10.x behaviour under a reordering wire, no defect), on the  *)
(* shortest stream that can be reordered: no guest work (MaxVersion = 0),   *)
(* so the source sends two chunks, its initial image and the final          *)
(* stop-copy chunk.  They swap places on the way (simulate --net-fault      *)
(* REORDER:K); the destination's driver refuses the stream at RESUMING ->    *)
(* STOP (its last chunk is not the final one), QEMU resets the device, the  *)
(* VM starts with it and the migration completes (RejectedLoad =            *)
(* "COMPLETE"): the guest's device state is lost (NoSilentLoss).  The       *)
(* reordering half of MC_VfioMigration_FindingQemuNetFaults, whose shortest *)
(* counterexample loses a chunk instead: it shows that a swap of two        *)
(* adjacent chunks is enough.                                               *)
EXTENDS VfioMigration

MCFlagSets == {5}
MCDefects == {}
==============================================================================
