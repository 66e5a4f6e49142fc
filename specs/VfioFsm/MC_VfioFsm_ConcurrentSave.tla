-------------------- MODULE MC_VfioFsm_ConcurrentSave --------------------
(* BROKEN (K6, mlx5 PRE_COPY series before "vfio/mlx5: Enforce a single     *)
(* SAVE command at a time"): the precopy ioctl starts an incremental SAVE;  *)
(* the arc PRE_COPY -> STOP_COPY issues the final SAVE without waiting for  *)
(* it, so two SAVE commands run at once.                                    *)
EXTENDS VfioFsm

MCFlagSets == {5}
MCDefects == {}
==============================================================================
