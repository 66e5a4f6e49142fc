--------------------- MODULE MC_VfioFsm_NewFdInGroup ---------------------
(* BROKEN: PRE_COPY(_P2P) -> STOP_COPY opens a new session and returns a    *)
(* second data_fd, instead of continuing the saving session the group       *)
(* shares.                                                                  *)
EXTENDS VfioFsm

MCFlagSets == {5, 7}
MCDefects == {"NewFdInsideSavingGroup"}
==============================================================================
