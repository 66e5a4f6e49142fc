------------------------ MODULE MC_VfioFsm_WitnessArcFailsToError ------------------------
(* Reachability witnesses, not defects: the correct device with arcs that may fail   *)
(* (a driver's arc callback returning an error, e.g. mlx5vf_pci_step_device_state_   *)
(* locked failing a firmware command; vfio_ioctl_device_feature_mig_device_state     *)
(* then returns it to the user). The invariant below claims a failure never          *)
(* happens; the model expects it VIOLATED, so a spec whose failure path was lost     *)
(* (the disjunct or a guard of SetStepFails dropped) fails the suite. The failure's  *)
(* two outcomes are FailOutcomes: the device stays where it was, or it is in ERROR.  *)
EXTENDS VfioFsm

MCFlagSets == {1}
MCDefects == {}

\* witness: no SET ever fails with the device in ERROR
NoArcFailsToError == ~(action.tag = "SetStepFails" /\ action.outcome = "ERROR")
===================================================================================
