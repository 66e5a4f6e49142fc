------------------------ MODULE MC_VfioP2p_NoDrain ------------------------
(* BROKEN: the arc into RUNNING_P2P returns while the device's own P2P      *)
(* write is still in flight.                                                *)
EXTENDS VfioP2p

MCDevices == {1, 2}
MCP2PDevices == {1, 2}
MCPreCopyDevices == {}
MCDefects == {"PrepareDoesNotDrain"}
==============================================================================
