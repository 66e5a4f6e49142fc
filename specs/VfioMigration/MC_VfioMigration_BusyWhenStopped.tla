------------------ MODULE MC_VfioMigration_BusyWhenStopped ------------------
(* BROKEN: the source device keeps working in STOP.  The guest's work is an *)
(* environment action enabled in every phase, so a change while a device   *)
(* without PRE_COPY is stopped at switchover (RUNNING -> STOP, before       *)
(* STOP -> STOP_COPY) breaks SourceQuiescent, in a state no orchestration   *)
(* step guards (and after save_cleanup, in SUCCEEDED, as well).             *)
EXTENDS VfioMigration

MCFlagSets == {1}
MCDefects == {"BusyWhenStopped"}
==============================================================================
