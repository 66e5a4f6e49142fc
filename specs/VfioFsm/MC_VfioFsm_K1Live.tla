------------------------ MODULE MC_VfioFsm_K1Live ------------------------
(* BROKEN (real bug K1, kernel 6.2 until the 2026 fix): the skip loop of    *)
(* vfio_mig_get_next_state runs while n is unsupported, and ERROR           *)
(* (T[STOP_COPY] [PRE_COPY]) is never supported with T[ERROR][*] = ERROR:   *)
(* SET(PRE_COPY) from STOP_COPY on a PRE_COPY device never returns (soft    *)
(* lockup under the state mutex).                                           *)
EXTENDS VfioFsm

MCFlagSets == {5, 7}
MCDefects == {}
==============================================================================
