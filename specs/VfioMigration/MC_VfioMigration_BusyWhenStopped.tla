------------------ MODULE MC_VfioMigration_BusyWhenStopped ------------------
(* BROKEN: the source device keeps working in STOP.  The guest's work is an *)
(* environment action enabled in every phase, so the change the device      *)
(* makes after save_cleanup (STOP_COPY -> STOP) breaks SourceQuiescent in   *)
(* the SUCCEEDED phase, where no orchestration step repeats the guard.      *)
EXTENDS VfioMigration

MCFlagSets == {1}
MCDefects == {"BusyWhenStopped"}
==============================================================================
