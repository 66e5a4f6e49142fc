-------------------- MODULE MC_VfioMigration_Reordered --------------------
(* BROKEN: the destination device does not check chunk order; it loads a   *)
(* reordered stream (multifd without its reorder buffer), which is not the *)
(* stream the source sent.                                                 *)
EXTENDS VfioMigration

MCFlagSets == {5}
MCDefects == {"AcceptReordered"}
==============================================================================
