-------------------------- MODULE MC_VfioP2p_Single --------------------------
(* Correct: one device without P2P (allowed: a single device needs no P2P   *)
(* states).                                                                 *)
EXTENDS VfioP2p

MCDevices == {1}
MCP2PDevices == {}
MCPreCopyDevices == {1}
MCFailableArcs == {}
MCMaxFailures == 0
MCResetDeviceInitiatesP2P == FALSE
MCVmPaused == FALSE
MCMigrationMayFail == FALSE
MCDefects == {}
==============================================================================
