------------------------ MODULE MC_VfioP2p_EarlyStart ------------------------
(* BROKEN: the destination starts a device (RESUMING -> RUNNING) before     *)
(* every device has loaded and reached RUNNING_P2P; its P2P write into a    *)
(* device still RESUMING is lost.                                           *)
EXTENDS VfioP2p

MCDevices == {1, 2}
MCP2PDevices == {1, 2}
MCPreCopyDevices == {}
MCFailableArcs == {}
MCMaxFailures == 0
MCResetDeviceInitiatesP2P == FALSE
MCVmPaused == FALSE
MCCpuMmio == FALSE
MCMigrationMayFail == FALSE
MCUserPause == FALSE
MCDefects == {"StartBeforeAllLoaded"}
==============================================================================
