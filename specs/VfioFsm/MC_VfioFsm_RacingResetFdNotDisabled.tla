------------------ MODULE MC_VfioFsm_RacingResetFdNotDisabled ------------------
(* BROKEN, the race model with SavingFdNotDisabled: leaving the saving     *)
(* group does not disable the saving fd, so a live fd remains with no       *)
(* session: SessionMatchesState, the half of SingleSession the race keeps,  *)
(* is violated (its broken variant).                                        *)
EXTENDS MC_VfioFsm_RacingReset

MCDefectsFdNotDisabled == {"SavingFdNotDisabled"}
==============================================================================
