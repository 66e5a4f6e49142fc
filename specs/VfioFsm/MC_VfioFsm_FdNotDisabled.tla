--------------------- MODULE MC_VfioFsm_FdNotDisabled ---------------------
(* BROKEN: leaving the saving group does not disable the saving fd; a live  *)
(* fd remains with no session (and two live fds after the next session      *)
(* starts).                                                                 *)
EXTENDS VfioFsm

MCFlagSets == {1, 3, 5, 7}
MCDefects == {"SavingFdNotDisabled"}
==============================================================================
