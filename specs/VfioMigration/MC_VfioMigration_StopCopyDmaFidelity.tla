--------------- MODULE MC_VfioMigration_StopCopyDmaFidelity ---------------
(* BROKEN: the same non-quiescent STOP_COPY, caught by stream fidelity:    *)
(* the destination loads the state saved when the source stopped, but the  *)
(* source went on changing after it: the guest's later work is lost.       *)
EXTENDS VfioMigration

MCFlagSets == {1}
MCDefects == {"DeviceRunsInStopCopy"}
==============================================================================
