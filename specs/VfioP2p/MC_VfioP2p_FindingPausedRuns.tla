-------------------- MODULE MC_VfioP2p_FindingPausedRuns --------------------
(* FINDING (real QEMU behaviour): the same paused VM after the failed       *)
(* migration: its devices are RUNNING (they may DMA) although the VM stays  *)
(* paused.                                                                  *)
EXTENDS VfioP2p

MCDevices == {1, 2}
MCP2PDevices == {1, 2}
MCPreCopyDevices == {}
MCFailableArcs == {}
MCMaxFailures == 0
MCResetDeviceInitiatesP2P == FALSE
MCVmPaused == TRUE
MCCpuMmio == FALSE
MCMigrationMayFail == TRUE
MCUserPause == FALSE
MCDefects == {}
==============================================================================
