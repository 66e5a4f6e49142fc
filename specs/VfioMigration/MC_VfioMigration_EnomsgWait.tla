------------------- MODULE MC_VfioMigration_EnomsgWait -------------------
(* BROKEN: the stop-copy read loop waits for -ENOMSG, which a STOP_COPY fd  *)
(* never returns (its end is read() == 0): the migration never ends.        *)
EXTENDS VfioMigration

MCFlagSets == {1, 5}
MCDefects == {"WaitForEnomsgInStopCopy"}
==============================================================================
