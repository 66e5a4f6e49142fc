---------------------- MODULE MC_VfioP2p_NoBlockerStart ----------------------
(* BROKEN: the same configuration without a blocker, caught by              *)
(* BlockerRespected as soon as the migration starts.                        *)
EXTENDS VfioP2p

MCDevices == {1, 2}
MCP2PDevices == {1}
MCPreCopyDevices == {}
MCFailableArcs == {}
MCMaxFailures == 0
MCResetDeviceInitiatesP2P == FALSE
MCVmPaused == FALSE
MCCpuMmio == FALSE
MCMigrationMayFail == FALSE
MCUserPause == FALSE
MCDefects == {"NoMigrationBlocker"}
==============================================================================
