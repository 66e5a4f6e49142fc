--------------------- MODULE MC_VfioMigration_NoFault ---------------------
(* Correct: without cancel and faults every migration succeeds (liveness    *)
(* under QEMU's fairness), with incremental images (DeltaImages): the       *)
(* destination's state is built from every chunk, so StreamFidelity here    *)
(* checks the content of each pre-copy chunk, not only the final one.       *)
EXTENDS VfioMigration

MCFlagSets == {1, 3, 5, 7}
MCDefects == {}
==============================================================================
