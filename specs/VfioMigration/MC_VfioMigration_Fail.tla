----------------------- MODULE MC_VfioMigration_Fail ------------------------
(* Correct, QEMU 10.x: each SET walked one arc per step, one arc of one SET *)
(* may fail (the device stays or enters ERROR), QEMU recovers or resets as  *)
(* hw/vfio/migration.c does, and a failed destination start completes the   *)
(* migration (RejectedLoad = COMPLETE). What must still hold does: the VM   *)
(* runs again somewhere, no device is left in ERROR, the fds follow the     *)
(* session rules, and every migration ends. NothingLost and NoSilentLoss    *)
(* are not checked here: QEMU's reset loses the device state (the Finding   *)
(* models).                                                                 *)
EXTENDS VfioMigration

MCFlagSets == {1, 3, 5, 7}
MCDefects == {}

(* A SET error belongs to a SET: a device's arc fails, or its load is       *)
(* rejected, only while QEMU has a SET of that device in flight.  The error *)
(* is the return value of VFIO_DEVICE_FEATURE_MIG_DEVICE_STATE, and a       *)
(* device enters ERROR only when it fails to complete an arc of such a SET  *)
(* (include/uapi/linux/vfio.h, enum vfio_device_mig_state); QEMU learns of  *)
(* it only there (vfio_migration_set_state, hw/vfio/migration.c).  Defined  *)
(* here, not in VfioMigration.tla, so that the module's mutation history    *)
(* stays valid; its broken variant is VfioMigration_FailWithoutSet.         *)
FailsOnlyInSet ==
  [][set_failed = "NONE" /\ set_failed' \in Devs =>
       IF set_failed' = "SRC" THEN src_tgt # "NONE" ELSE dst_tgt # "NONE"]_vars
=============================================================================
