------------------------ MODULE MC_VfioMigration_Qemu ------------------------
(* Correct, the QEMU 10.x host that simulate --record records: one device  *)
(* per side, all four flag sets, two guest changes, cancel allowed; a      *)
(* refused load resets the destination and the migration completes         *)
(* (RejectedLoad = "COMPLETE", vfio_migration_set_state_or_reset), on       *)
(* QEMU's stream, which neither loses nor reorders (NetFaults = {}).        *)
EXTENDS VfioMigration

MCFlagSets == {1, 3, 5, 7}
MCDefects == {}
==============================================================================
