----------------------- MODULE MC_VfioP2p_PauseAdoptFd -----------------------
(* a QEMU that, when a SET returns a new data_fd while it still holds one,  *)
(* adopts the new fd instead of failing: after a stop and cont during pre-  *)
(* copy the migration completes with pre-copy data of the first saving      *)
(* session and final data of a second one in the same device stream.        *)
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
MCDefects == {"AdoptNewFd"}
=============================================================================
