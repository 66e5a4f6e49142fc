----------------- MODULE MC_VfioMigration_RetryFailedSetDst -----------------
(* BROKEN (RetryFailedSet), the destination's failure alone: load_setup's   *)
(* SET RESUMING fails on one of its arcs (RUNNING -> STOP -> RESUMING) in   *)
(* place while the source has no SET in progress (a model constraint), and  *)
(* QEMU issues RESUMING again instead of vfio_load_setup's recover state,   *)
(* the state the device had (RUNNING): the retry would open a resuming      *)
(* session on a failed migration (RecoveryTargets).                         *)
EXTENDS VfioMigration

MCFlagSets == {5}
MCDefects == {"RetryFailedSet"}

DestFailsAlone == set_failed \in Devs => set_failed = "DST" /\ src_tgt = "NONE"
=============================================================================
