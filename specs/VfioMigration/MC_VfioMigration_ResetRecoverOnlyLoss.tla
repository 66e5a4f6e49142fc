--------------- MODULE MC_VfioMigration_ResetRecoverOnlyLoss ---------------
(* The RecoverByReset defect of MC_VfioMigration_ResetRecover, checked for  *)
(* everything but NothingLost: recovery by VFIO_DEVICE_RESET loses the      *)
(* guest's device state and nothing else.  The reset ends the device's      *)
(* session, QEMU closes its saving fd (vfio_migration_cleanup), the source  *)
(* ends RUNNING, a successful migration still delivers the whole state: the *)
(* finding is the state loss alone, which is what the replay's evidence and *)
(* findings.md attribute to it.                                             *)
EXTENDS VfioMigration

MCFlagSets == {1, 5}
MCDefects == {"RecoverByReset"}
==============================================================================
