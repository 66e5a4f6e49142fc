------------------------- MODULE MC_VfioMigration -------------------------
(* Correct: one device per side, all four flag sets, two guest changes,     *)
(* cancel and network faults (lost or reordered chunks) allowed: the        *)
(* destination rejects every damaged stream and the source resumes.         *)
EXTENDS VfioMigration

MCFlagSets == {1, 3, 5, 7}
MCDefects == {}
==============================================================================
