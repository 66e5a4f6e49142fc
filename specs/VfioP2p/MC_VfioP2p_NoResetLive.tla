----------------------- MODULE MC_VfioP2p_NoResetLive -----------------------
(* BROKEN: the same QEMU without the reset, as liveness: after the failed   *)
(* migration the source VM never has every device RUNNING again.            *)
EXTENDS VfioP2p

MCDevices == {1, 2}
MCP2PDevices == {1, 2}
MCPreCopyDevices == {}
MCFailableArcs == {<<"RUNNING", "RUNNING_P2P">>}
MCMaxFailures == 1
MCResetDeviceInitiatesP2P == FALSE
MCVmPaused == FALSE
MCCpuMmio == FALSE
MCMigrationMayFail == FALSE
MCUserPause == FALSE
MCDefects == {"NoResetOnFailure"}
==============================================================================
