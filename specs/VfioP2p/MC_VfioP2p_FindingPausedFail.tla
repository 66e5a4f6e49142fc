-------------------- MODULE MC_VfioP2p_FindingPausedFail --------------------
(* FINDING (real QEMU behaviour): a paused VM's migration fails after       *)
(* save_complete; the PRECOPY_FAILED notifier SETs each device RUNNING in   *)
(* turn (STOP -> RUNNING_P2P -> RUNNING in one ioctl) with the VM still     *)
(* paused: a device runs while its peer is STOP and its P2P write is lost.  *)
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
