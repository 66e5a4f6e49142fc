------------------------- MODULE MC_VfioP2p_Deep -------------------------
(* Correct, deep profile: three P2P devices, two with PRE_COPY (a four-     *)
(* device model did not finish within 3 minutes: over 230,000 distinct      *)
(* states after 2 minutes).                                                 *)
EXTENDS VfioP2p

MCDevices == {1, 2, 3}
MCP2PDevices == {1, 2, 3}
MCPreCopyDevices == {1, 2}
MCDefects == {}
==============================================================================
