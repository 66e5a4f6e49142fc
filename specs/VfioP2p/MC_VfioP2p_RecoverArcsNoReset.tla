------------------- MODULE MC_VfioP2p_RecoverArcsNoReset -------------------
(* Correct, QEMU 10.x: the failable arcs are those of the SETs QEMU issues  *)
(* with a recover state, not through vfio_migration_set_state_or_reset:    *)
(* vfio_save_setup's RUNNING -> PRE_COPY (recover RUNNING) and             *)
(* vfio_save_complete_precopy's STOP -> STOP_COPY (recover STOP).  Their   *)
(* failures are VfioMigration's (QemuRecover, RecoveryTargets): the device *)
(* goes back to its state, no reset.  This module's failure path is the    *)
(* reset one, so here no device is ever reset and no VM runs again with a  *)
(* device state a reset wiped (NoSilentStateLoss), which a reset path      *)
(* opened to those SETs would break.  No run-state SET takes either arc    *)
(* (the stop callbacks take RUNNING(_P2P) / PRE_COPY(_P2P) arcs, the start *)
(* and restart ones STOP -> RUNNING_P2P and RESUMING -> STOP).  Device 1   *)
(* has PRE_COPY (save_setup's SET), device 2 not (save_complete's SET from *)
(* STOP).                                                                  *)
EXTENDS VfioP2p

MCDevices == {1, 2}
MCP2PDevices == {1, 2}
MCPreCopyDevices == {1}
MCFailableArcs == {<<"RUNNING", "PRE_COPY">>, <<"STOP", "STOP_COPY">>}
MCMaxFailures == 1
MCResetDeviceInitiatesP2P == FALSE
MCVmPaused == FALSE
MCCpuMmio == FALSE
MCMigrationMayFail == TRUE
MCUserPause == FALSE
MCDefects == {}
==============================================================================
