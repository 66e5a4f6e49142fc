-------------------- MODULE MC_VfioMigration_FailInPlace --------------------
(* Correct, QEMU 10.x, the failures QEMU recovers from: the one arc that    *)
(* fails leaves its device where it was (vfio.h allows it: "the device_state *)
(* may be any state on the path") and belongs to a SET QEMU issues with a   *)
(* recover state (hw/vfio/migration.c): vfio_save_setup's PRE_COPY (recover *)
(* RUNNING), vfio_save_complete_precopy's STOP_COPY for a device without    *)
(* PRE_COPY (recover STOP), vfio_load_setup's RESUMING (recover the state   *)
(* it had).  QEMU SETs the recover state and resets nothing, so the failed  *)
(* migration costs the guest nothing: NothingLost holds, with the source's   *)
(* end state, the data_fd rules and no device left in ERROR.                 *)
EXTENDS VfioMigration

MCFlagSets == {1, 5}
MCDefects == {}

\* The failure scenario, a model constraint (TLC explores no state past one
\* that breaks it), not a guard of the spec: the spec lets any arc of any SET
\* fail, in place or into ERROR; this model keeps the failures listed above.
\* The SETs are named by their targets, as QEMU's call sites issue them.
InPlaceWithRecover ==
  /\ set_failed = "SRC" => /\ src_state # "ERROR"
                           /\ \/ src_tgt = "PRE_COPY"
                              \/ src_tgt = "STOP_COPY" /\ flags \in {1}
  /\ set_failed = "DST" => dst_state # "ERROR" /\ dst_tgt = "RESUMING"
=============================================================================
