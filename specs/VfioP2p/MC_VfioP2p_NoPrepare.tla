----------------------- MODULE MC_VfioP2p_NoPrepare -----------------------
(* BROKEN: the stop runs only the main arcs (no prepare phase into the      *)
(* *_P2P states): a device stops while its peer still runs and a P2P write  *)
(* into the stopped device is lost.                                         *)
EXTENDS VfioP2p

MCDevices == {1, 2}
MCP2PDevices == {1, 2}
MCPreCopyDevices == {}
MCDefects == {"NoPreparePhase"}
==============================================================================
