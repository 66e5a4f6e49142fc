-------------------- MODULE MC_VfioMigration_FindingQemuNetFaults --------------------
(* FINDING (QEMU behaviour under the simulator's wire faults, no defect):  *)
(* MC_VfioMigration_Qemu with chunks lost or reordered on the way           *)
(* (simulate --net-fault).  The destination refuses the damaged stream, is  *)
(* reset, and the migration completes without the guest's device state      *)
(* (NoSilentLoss).                                                          *)
EXTENDS VfioMigration

MCFlagSets == {1, 3, 5, 7}
MCDefects == {}
==============================================================================
