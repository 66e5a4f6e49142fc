---------------------- MODULE MC_VfioFsm_SelfLoopArc ----------------------
(* BROKEN: same self-mapping blocked arc; the step STOP_COPY -> STOP_COPY   *)
(* is no direct arc of vfio.h.                                              *)
EXTENDS VfioFsm

MCFlagSets == {5, 7}
MCDefects == {"BlockedArcMapsToItself"}
==============================================================================
