--------------------- MODULE MC_VfioFsm_SelfLoopBound ---------------------
(* BROKEN: kernel table cell T[STOP_COPY][PRE_COPY] maps the blocked arc to *)
(* STOP_COPY itself; the driver loop steps STOP_COPY -> STOP_COPY forever,  *)
(* so a SET(PRE_COPY) from STOP_COPY takes more than four arcs.             *)
EXTENDS VfioFsm

MCFlagSets == {5, 7}
MCDefects == {"BlockedArcMapsToItself"}
==============================================================================
