--------------------------- MODULE MC_VfioP2p_Deep ---------------------------
(* Correct, deep profile: three P2P devices, two with PRE_COPY, the success *)
(* path (the cancel and failure paths are checked with two devices in CI).  *)
EXTENDS VfioP2p

MCDevices == {1, 2, 3}
MCP2PDevices == {1, 2, 3}
MCPreCopyDevices == {1, 2}
MCFailableArcs == {}
MCMaxFailures == 0
MCResetDeviceInitiatesP2P == FALSE
MCVmPaused == FALSE
MCCpuMmio == FALSE
MCMigrationMayFail == FALSE
MCUserPause == FALSE
MCDefects == {}
==============================================================================
