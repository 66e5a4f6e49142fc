------------------------- MODULE MC_VfioFsm_Deep -------------------------
(* Correct device FSM, deep profile: five ioctls, a two-byte initial image  *)
(* and two dirty bytes per session, all four flag sets.                     *)
EXTENDS VfioFsm

MCFlagSets == {1, 3, 5, 7}
MCDefects == {}
==============================================================================
