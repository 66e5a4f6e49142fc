--------------- MODULE MC_VfioMigration_StopCopyDmaFidelity ---------------
(* BROKEN: the same non-quiescent STOP_COPY, caught by stream fidelity: the *)
(* destination loads a state the source did not have when it stopped.       *)
EXTENDS VfioMigration

MCFlagSets == {1}
MCDefects == {"DeviceRunsInStopCopy"}
==============================================================================
