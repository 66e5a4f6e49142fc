------------------------- MODULE MC_VfioP2p_NoReset -------------------------
(* BROKEN: a failed prepare arc leaves the device in ERROR and QEMU does    *)
(* not reset it: the migration fails and the source settles with the device *)
(* in ERROR.                                                                *)
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
