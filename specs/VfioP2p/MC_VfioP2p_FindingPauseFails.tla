-------------------- MODULE MC_VfioP2p_FindingPauseFails --------------------
(* FINDING (real QEMU behaviour): after a QMP stop and cont during pre-copy *)
(* the migration cannot complete: save_complete's STOP -> STOP_COPY returns *)
(* a new data_fd while QEMU still holds the dead one,                       *)
(* vfio_migration_set_state fails with data_fd out of sync and the          *)
(* migration fails (the VM keeps running on the source).                    *)
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
