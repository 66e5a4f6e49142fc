------------------------ MODULE MC_VfioFsm_K1Bound ------------------------
(* BROKEN (real bug K1): as MC_VfioFsm_K1Live, seen as a safety violation:  *)
(* the skip loop of vfio_mig_get_next_state does not terminate for a        *)
(* reachable request.                                                       *)
EXTENDS VfioFsm

MCFlagSets == {5, 7}
MCDefects == {}
==============================================================================
