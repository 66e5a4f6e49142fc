-------------------- MODULE MC_VfioMigration_Truncated --------------------
(* BROKEN: the destination device accepts a truncated stream (its final     *)
(* STOP_COPY chunk lost) and silently loads an older state.                 *)
EXTENDS VfioMigration

MCFlagSets == {1, 5}
MCDefects == {"AcceptTruncated"}
==============================================================================
