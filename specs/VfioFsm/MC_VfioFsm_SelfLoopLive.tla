--------------------- MODULE MC_VfioFsm_SelfLoopLive ---------------------
(* BROKEN: same self-mapping blocked arc; the SET never returns, which the  *)
(* liveness property SetReturns shows as a lasso (fair driver loop that     *)
(* spins).                                                                  *)
EXTENDS VfioFsm

MCFlagSets == {5, 7}
MCDefects == {"BlockedArcMapsToItself"}
==============================================================================
