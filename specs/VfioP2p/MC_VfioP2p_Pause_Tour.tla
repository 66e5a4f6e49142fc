-------------------------- MODULE MC_VfioP2p_Pause_Tour --------------------------
(* The tour of MC_VfioP2p_Pause (traces/ budget): one P2P device with      *)
(* PRE_COPY, paused and resumed during pre-copy; the two-device model's     *)
(* P2P interleavings are checked by MC_VfioP2p_Pause, not replayed.         *)
EXTENDS VfioP2p

MCDevices == {1}
MCP2PDevices == {1}
MCPreCopyDevices == {1}
MCFailableArcs == {}
MCMaxFailures == 0
MCResetDeviceInitiatesP2P == FALSE
MCVmPaused == FALSE
MCCpuMmio == FALSE
MCMigrationMayFail == FALSE
MCUserPause == TRUE
MCDefects == {}
=============================================================================
