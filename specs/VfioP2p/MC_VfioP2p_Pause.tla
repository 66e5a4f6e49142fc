-------------------------- MODULE MC_VfioP2p_Pause --------------------------
(* Correct, and QEMU's real behaviour: two P2P devices (one with PRE_COPY); *)
(* the user pauses the VM once during pre-copy (QMP stop) and may resume it *)
(* (QMP cont). Paused devices go to STOP_COPY/STOP with the two-phase order *)
(* and back to RUNNING the same way; a migration that ends while paused     *)
(* completes from the live sessions; after a cont the migration fails       *)
(* visibly (data_fd out of sync) and the VM keeps running with its device   *)
(* state. No P2P write lost, no ordering broken, the stream never mixes     *)
(* sessions.                                                                *)
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
