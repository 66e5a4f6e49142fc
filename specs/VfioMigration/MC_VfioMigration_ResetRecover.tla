------------------ MODULE MC_VfioMigration_ResetRecover ------------------
(* BROKEN: failure recovery resets the device (VFIO_DEVICE_RESET) instead   *)
(* of SET RUNNING; the guest's device state is lost.                        *)
EXTENDS VfioMigration

MCFlagSets == {1, 5}
MCDefects == {"RecoverByReset"}
==============================================================================
