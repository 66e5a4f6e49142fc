----------------- MODULE MC_VfioMigration_NoResetOnErrorDst -----------------
(* BROKEN (NoResetOnError), on the destination: the VM's start SET (vm_start *)
(* -> vfio_vmstate_change -> vfio_migration_set_state_or_reset) loads the    *)
(* stream (RESUMING -> STOP) and then fails into ERROR on STOP -> RUNNING (a *)
(* model constraint: the destination's failure, after the load); a QEMU      *)
(* without the reset_device path leaves the device in ERROR, and QEMU 10.x   *)
(* completes the migration (RejectedLoad = "COMPLETE"): the VM runs on a     *)
(* device in ERROR (NoErrorAtRest), although it holds the guest's state      *)
(* (NoSilentLoss holds up to there; a reset would lose it, as                *)
(* MC_VfioMigration_FindingResetLoss shows for a correct QEMU).              *)
EXTENDS VfioMigration

MCFlagSets == {5}
MCDefects == {"NoResetOnError"}

DestErrorAfterLoad ==
  set_failed \in Devs => set_failed = "DST" /\ dst_state = "ERROR" /\ dst_device # -1
=============================================================================
