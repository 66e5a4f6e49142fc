------------------ MODULE MC_VfioFsm_RacingResetNewFdInGroup ------------------
(* BROKEN, the race model with NewFdInsideSavingGroup: PRE_COPY(_P2P) ->    *)
(* STOP_COPY returns a second data_fd instead of continuing the session the *)
(* group shares: FdOnlyOnSessionStartOrReset, the part of                   *)
(* FdOnlyOnSessionStart the race keeps, is violated (its broken variant).   *)
EXTENDS MC_VfioFsm_RacingReset

MCDefectsNewFdInGroup == {"NewFdInsideSavingGroup"}
==============================================================================
