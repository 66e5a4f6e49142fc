-------------------- MODULE MC_VfioFsm_SavingInterior --------------------
(* BROKEN: the table routes RUNNING -> STOP_COPY through PRE_COPY and       *)
(* PRE_COPY_P2P (as short as RUNNING -> RUNNING_P2P -> STOP -> STOP_COPY),  *)
(* so the saving session is opened in the middle of a path.                 *)
EXTENDS VfioFsm

MCFlagSets == {7}
MCDefects == {"PreCopyRouteToStopCopy"}
==============================================================================
