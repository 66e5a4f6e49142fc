--------------- MODULE MC_VfioMigration_FindingSrcResetInPlace --------------
(* FINDING (QEMU behaviour, no defect): the source's switchover SET STOP    *)
(* fails with the device left where it was (RUNNING, its state intact), not *)
(* in ERROR.  vfio_vmstate_change issues it through                          *)
(* vfio_migration_set_state_or_reset, which has no recover state: QEMU       *)
(* resets the device, and the VM resumes on the source with a blank device  *)
(* (NothingLost), although the device had kept the guest's state.           *)
(* FindingResetLoss shows the loss for any failure; this model keeps only   *)
(* failures that leave the device usable.                                    *)
EXTENDS VfioMigration

MCFlagSets == {1}
MCDefects == {}

\* The failure scenario, a model constraint (not a guard of the spec): only
\* the source fails, and in place.
SrcFailsInPlace ==
  /\ set_failed # "DST"
  /\ set_failed = "SRC" => src_state # "ERROR"
=============================================================================
