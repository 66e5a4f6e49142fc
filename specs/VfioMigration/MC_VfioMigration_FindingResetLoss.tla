----------------- MODULE MC_VfioMigration_FindingResetLoss ------------------
(* FINDING (QEMU behaviour, no defect): a SET of the switchover fails;      *)
(* vfio_migration_set_state_or_reset resets the device even when it stayed  *)
(* in its state, the migration fails and the source VM runs again with its  *)
(* device state lost.                                                       *)
EXTENDS VfioMigration

MCFlagSets == {1}
MCDefects == {}
=============================================================================
