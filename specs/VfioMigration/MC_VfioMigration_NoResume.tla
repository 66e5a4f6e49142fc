-------------------- MODULE MC_VfioMigration_NoResume --------------------
(* BROKEN: a failure after switchover leaves the source device in STOP_COPY *)
(* instead of returning it to RUNNING.                                      *)
EXTENDS VfioMigration

MCFlagSets == {1, 5}
MCDefects == {"NoResumeOnFailure"}
==============================================================================
