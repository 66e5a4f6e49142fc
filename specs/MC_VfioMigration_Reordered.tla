-------------------- MODULE MC_VfioMigration_Reordered --------------------
(* BROKEN: the destination device does not check chunk order; a reordered   *)
(* stream (multifd without its reorder buffer) loads a stale state.         *)
EXTENDS VfioMigration

MCFlagSets == {5}
MCDefects == {"AcceptReordered"}
==============================================================================
