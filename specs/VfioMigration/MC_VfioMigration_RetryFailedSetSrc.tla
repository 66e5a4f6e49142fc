----------------- MODULE MC_VfioMigration_RetryFailedSetSrc -----------------
(* BROKEN (RetryFailedSet), the source's failure alone: save_setup's SET    *)
(* PRE_COPY fails in place while the destination has no SET in progress    *)
(* (a model constraint, not a guard of the spec), and QEMU issues the same  *)
(* SET again instead of vfio_save_setup's recover state RUNNING: the retry  *)
(* heads for PRE_COPY on a failed migration (RecoveryTargets).  With the    *)
(* destination idle, only the source's own answer can break the property:  *)
(* MC_VfioMigration_RetryFailedSet lets both devices fail, so a retry of    *)
(* the wrong device's target or no retry at all still shows there.         *)
EXTENDS VfioMigration

MCFlagSets == {5}
MCDefects == {"RetryFailedSet"}

SourceFailsAlone == set_failed \in Devs => set_failed = "SRC" /\ dst_tgt = "NONE"
=============================================================================
