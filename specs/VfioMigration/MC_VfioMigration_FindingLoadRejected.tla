--------------- MODULE MC_VfioMigration_FindingLoadRejected -----------------
(* FINDING (QEMU behaviour, no defect): the destination's start SET fails   *)
(* (the load rejected at RESUMING -> STOP, or a later arc); QEMU resets the *)
(* device, the VM starts with it and the migration completes, the error     *)
(* only logged on the destination: the guest's device state is silently     *)
(* lost (NoSilentLoss).                                                     *)
EXTENDS VfioMigration

MCFlagSets == {1}
MCDefects == {}
=============================================================================
