------------------- MODULE MC_VfioP2p_SourceFailureIgnored -------------------
(* BROKEN (defect SourceFailureIgnored): a QEMU whose run-state callbacks  *)
(* do not fail the migration when a source device's SET fails              *)
(* (vfio_vmstate_change(_prepare) without migration_file_set_error; the     *)
(* error is only logged, as vm_state_notify cannot report one).  The        *)
(* prepare arc RUNNING -> RUNNING_P2P of the device without PRE_COPY fails,  *)
(* QEMU resets it, the migration goes on, save_complete opens a new saving  *)
(* session on the reset device and the migration completes with its blank   *)
(* state (SourceStateMigrated).  MC_VfioP2p_Fail is the same model with a   *)
(* correct QEMU.                                                            *)
EXTENDS VfioP2p

MCDevices == {1, 2}
MCP2PDevices == {1, 2}
MCPreCopyDevices == {1}
MCFailableArcs == {<<"RUNNING", "RUNNING_P2P">>, <<"RESUMING", "STOP">>}
MCMaxFailures == 1
MCResetDeviceInitiatesP2P == FALSE
MCVmPaused == FALSE
MCCpuMmio == FALSE
MCMigrationMayFail == TRUE
MCUserPause == FALSE
MCDefects == {"SourceFailureIgnored"}
==============================================================================
