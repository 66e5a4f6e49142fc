--------------------- MODULE MC_VfioMigration_NoFault ---------------------
(* Correct: without cancel and faults every migration succeeds (liveness    *)
(* under QEMU's fairness).                                                  *)
EXTENDS VfioMigration

MCFlagSets == {1, 3, 5, 7}
MCDefects == {}
==============================================================================
