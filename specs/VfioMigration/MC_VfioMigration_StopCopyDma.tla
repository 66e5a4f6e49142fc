------------------- MODULE MC_VfioMigration_StopCopyDma -------------------
(* BROKEN: the source device keeps changing state in STOP_COPY; the stopped *)
(* source is not quiescent.                                                 *)
EXTENDS VfioMigration

MCFlagSets == {1}
MCDefects == {"DeviceRunsInStopCopy"}
==============================================================================
