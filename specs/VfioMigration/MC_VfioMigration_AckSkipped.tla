-------------------- MODULE MC_VfioMigration_AckSkipped ---------------------
(* BROKEN: switchover-ack on, but QEMU switches over as soon as the pending *)
(* estimate is below the threshold, without the ack: the source stops       *)
(* before the destination has its initial image.                            *)
EXTENDS VfioMigration

MCFlagSets == {5}
MCDefects == {"SwitchoverBeforeAck"}
=============================================================================
