---------------------- MODULE MC_VfioFsm_ErrorTarget ----------------------
(* BROKEN: ERROR is treated as a reachable target (state_flags_table[ERROR] *)
(* satisfiable, no n == ERROR check): SET(ERROR) drives the device into     *)
(* ERROR.                                                                   *)
EXTENDS VfioFsm

MCFlagSets == {1}
MCDefects == {"ErrorIsATarget"}
==============================================================================
