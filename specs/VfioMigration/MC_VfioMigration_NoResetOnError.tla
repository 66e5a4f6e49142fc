------------------ MODULE MC_VfioMigration_NoResetOnError -------------------
(* BROKEN: a QEMU that does not reset a device whose SET failed into ERROR  *)
(* (vfio_migration_set_state without its reset_device path): the failed     *)
(* migration ends with the device in ERROR.                                 *)
EXTENDS VfioMigration

MCFlagSets == {5}
MCDefects == {"NoResetOnError"}
=============================================================================
