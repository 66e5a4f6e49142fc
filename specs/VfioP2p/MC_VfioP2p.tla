---------------------------- MODULE MC_VfioP2p ----------------------------
(* Correct: two P2P devices (one with PRE_COPY); QEMU's prepare-then-main   *)
(* policy on stop and on start.                                             *)
EXTENDS VfioP2p

MCDevices == {1, 2}
MCP2PDevices == {1, 2}
MCPreCopyDevices == {1}
MCDefects == {}
==============================================================================
