------------------------- MODULE MC_VfioP2p_Blocked -------------------------
(* Correct: two devices, one without P2P: the blocker keeps the migration   *)
(* from starting; no write is lost.                                         *)
EXTENDS VfioP2p

MCDevices == {1, 2}
MCP2PDevices == {1}
MCPreCopyDevices == {}
MCFailableArcs == {}
MCMaxFailures == 0
MCResetDeviceInitiatesP2P == FALSE
MCVmPaused == FALSE
MCMigrationMayFail == FALSE
MCDefects == {}
==============================================================================
