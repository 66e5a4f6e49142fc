-------------------- MODULE MC_VfioFsm_ImmediateReset --------------------
(* DeferredReset = FALSE: a reset during a SET applies its bookkeeping at   *)
(* once, inside the arc in progress, and the driver loop then records the   *)
(* arc end state over it (no driver does this: mlx5 and pds defer the reset *)
(* to the unlock, mlx5vf_state_mutex_unlock / pds_vfio_state_mutex_unlock).*)
EXTENDS VfioFsm

MCFlagSets == {5}
MCDefects == {}
==============================================================================
