-------------------- MODULE MC_VfioFsm_K1ResetStarved --------------------
(* BROKEN (real bug K1, kernel 6.2 until the 2026 fix, as VfioFsm_K1Live),  *)
(* seen from the reset: SET(PRE_COPY) from STOP_COPY spins in the skip loop *)
(* of vfio_mig_get_next_state holding the state mutex, so a reset that      *)
(* arrives meanwhile (an AER reset_done on mlx5: deferred_reset set, the    *)
(* trylock fails) stays recorded forever and the device is never reset.     *)
(* The broken variant of ResetReleasesMutex (defined in                     *)
(* MC_VfioFsm_Concurrent, whose constants are the same apart from the skip  *)
(* loop): SetReturns is not checked here.                                   *)
EXTENDS MC_VfioFsm_Concurrent
==============================================================================
