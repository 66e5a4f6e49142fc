---------------------- MODULE MC_VfioMigration_Deep ----------------------
(* Correct, deep profile: four guest changes, cancel and faults, all flag   *)
(* sets, incremental images (DeltaImages = TRUE).                          *)

EXTENDS VfioMigration

MCFlagSets == {1, 3, 5, 7}
MCDefects == {}
==============================================================================
