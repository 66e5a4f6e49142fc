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
=============================================================================
