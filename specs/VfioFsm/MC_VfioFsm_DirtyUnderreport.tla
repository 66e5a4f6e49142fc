------------------- MODULE MC_VfioFsm_DirtyUnderreport -------------------
(* BROKEN (K2, mlx5 before 4928f67bc911): dirty_bytes reports only the      *)
(* current chunk, not all queued dirty data.                                *)
EXTENDS VfioFsm

MCFlagSets == {5}
MCDefects == {"DirtyBytesUnderreport"}
==============================================================================
