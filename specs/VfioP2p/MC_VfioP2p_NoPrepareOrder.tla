-------------------- MODULE MC_VfioP2p_NoPrepareOrder --------------------
(* BROKEN: no prepare phase, caught by the ordering invariant (one device   *)
(* stopped while another still runs).                                       *)
EXTENDS VfioP2p

MCDevices == {1, 2}
MCP2PDevices == {1, 2}
MCPreCopyDevices == {}
MCDefects == {"NoPreparePhase"}
==============================================================================
