------------------ MODULE MC_VfioMigration_StaleDirtyChunk ------------------
(* BROKEN: a device with incremental images (DeltaImages) whose dirty       *)
(* pre-copy read returns the previous image's data while it counts the new  *)
(* state as sent (its dirty tracking restarts).  The stream is complete and *)
(* in order, so the destination accepts it; the stop-copy increment is then *)
(* applied to the wrong base and StreamFidelity fails.  With full images    *)
(* (DeltaImages = FALSE) the same device is harmless: the final image      *)
(* replaces the stale one (this model with FALSE HOLDS, 68 states).         *)
EXTENDS VfioMigration

MCFlagSets == {5}
MCDefects == {"StaleDirtyChunk"}
==============================================================================
