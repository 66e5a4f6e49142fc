------------------- MODULE MC_VfioMigration_EnomsgWaitSucceeds -------------------
(* BROKEN: the stop-copy loop that waits for -ENOMSG, without cancel and     *)
(* faults: the migration that must succeed never does (MigrationSucceeds).  *)
EXTENDS VfioMigration

MCFlagSets == {1, 5}
MCDefects == {"WaitForEnomsgInStopCopy"}
==============================================================================
