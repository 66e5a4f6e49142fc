--------------- MODULE MC_VfioMigration_FindingDstResetInPlace --------------
(* FINDING (QEMU behaviour, no defect): the destination's start SET fails    *)
(* with the device left where it was (RESUMING, the whole stream written),   *)
(* not in ERROR.  vfio_vmstate_change issues it through                      *)
(* vfio_migration_set_state_or_reset, which has no recover state: QEMU       *)
(* resets the device instead of SETting RUNNING again, the VM starts with a  *)
(* blank device and the migration completes (RejectedLoad = COMPLETE): the   *)
(* guest's device state is silently lost (NoSilentLoss), although the device *)
(* still held it.  FindingLoadRejected shows the loss for any failure; this  *)
(* model keeps only failures that leave the device usable.                   *)
EXTENDS VfioMigration

MCFlagSets == {1}
MCDefects == {}

\* The failure scenario, a model constraint (not a guard of the spec): only
\* the destination fails, and in place.
DstFailsInPlace ==
  /\ set_failed # "SRC"
  /\ set_failed = "DST" => dst_state # "ERROR"
=============================================================================
