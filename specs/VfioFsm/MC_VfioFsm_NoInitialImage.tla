-------------------- MODULE MC_VfioFsm_NoInitialImage --------------------
(* BROKEN: the driver's arc RUNNING_P2P -> PRE_COPY_P2P starts no saving    *)
(* session (VfioArcs' NoFdOnP2pPreCopy): the device is in the saving group   *)
(* but nothing of its state was put on a stream, so the initial image the    *)
(* session should carry is missing.  NoChangeLost sees it in the first       *)
(* state in PRE_COPY_P2P (flags 7: RUNNING -> RUNNING_P2P -> PRE_COPY_P2P).  *)
EXTENDS VfioFsm

MCFlagSets == {7}
MCDefects == {"NoFdOnP2pPreCopy"}
==============================================================================
