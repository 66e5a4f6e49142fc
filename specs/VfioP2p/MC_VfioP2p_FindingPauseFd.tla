---------------------- MODULE MC_VfioP2p_FindingPauseFd ----------------------
(* FINDING (real QEMU behaviour): QMP stop during pre-copy takes the        *)
(* PRE_COPY device to STOP_COPY (the session survives); QMP cont takes it   *)
(* to RUNNING through STOP, which ends the saving session, while QEMU keeps *)
(* the old data_fd and the migration goes on with it.                       *)
EXTENDS VfioP2p

MCDevices == {1, 2}
MCP2PDevices == {1, 2}
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
