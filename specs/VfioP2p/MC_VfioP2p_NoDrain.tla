------------------------- MODULE MC_VfioP2p_NoDrain -------------------------
(* BROKEN: the arc out of RUNNING into RUNNING_P2P returns while the        *)
(* device's own P2P write is still in flight.                               *)
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
MCDefects == {"PrepareDoesNotDrain"}
==============================================================================
