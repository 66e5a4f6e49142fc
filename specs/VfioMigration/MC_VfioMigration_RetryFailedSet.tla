------------------- MODULE MC_VfioMigration_RetryFailedSet ------------------
(* BROKEN: a QEMU that answers a failed SET by issuing the same SET again   *)
(* instead of its recover state (a naive retry loop in place of             *)
(* vfio_migration_set_state's recover_state): after save_setup's PRE_COPY   *)
(* fails in place, the retry walks RUNNING -> PRE_COPY on a migration that  *)
(* has already failed and opens a new saving session (RecoveryTargets).     *)
EXTENDS VfioMigration

MCFlagSets == {5}
MCDefects == {"RetryFailedSet"}
=============================================================================
