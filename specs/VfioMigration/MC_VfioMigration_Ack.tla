----------------------- MODULE MC_VfioMigration_Ack -------------------------
(* Correct: switchover-ack on and a threshold of two chunks (QEMU would     *)
(* switch with the initial image unread); the source waits for the          *)
(* destination's ack, so it stops only after the destination holds the      *)
(* initial image, and every migration succeeds.                             *)
EXTENDS VfioMigration

MCFlagSets == {5, 7}
MCDefects == {}
=============================================================================
