--------------------- MODULE MC_VfioP2p_FindingStateLoss ---------------------
(* FINDING (real QEMU behaviour): a device whose RESUMING -> STOP fails is  *)
(* reset, the error is only logged, and the destination VM runs with the    *)
(* device's state lost (the migration is reported completed).               *)
EXTENDS VfioP2p

MCDevices == {1, 2}
MCP2PDevices == {1, 2}
MCPreCopyDevices == {}
MCFailableArcs == {<<"RESUMING", "STOP">>}
MCMaxFailures == 1
MCResetDeviceInitiatesP2P == FALSE
MCVmPaused == FALSE
MCCpuMmio == FALSE
MCMigrationMayFail == FALSE
MCUserPause == FALSE
MCDefects == {}
==============================================================================
