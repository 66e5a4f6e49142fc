------------------ MODULE MC_VfioMigration_NoResumeLive ------------------
(* BROKEN: the same missing resume, seen by the liveness property: the      *)
(* source never settles in RUNNING after a failure.                         *)
EXTENDS VfioMigration

MCFlagSets == {1, 5}
MCDefects == {"NoResumeOnFailure"}
==============================================================================
