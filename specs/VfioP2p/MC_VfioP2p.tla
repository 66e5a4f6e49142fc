----------------------------- MODULE MC_VfioP2p -----------------------------
(* Correct: two P2P devices (one with PRE_COPY); QEMU's prepare-then-main   *)
(* policy on stop and on start, each SET walked arc by arc; the migration   *)
(* may be cancelled in pre-copy or fail after the stop, and the source      *)
(* restarts (vm_start's two phases, save_cleanup, the PRECOPY_FAILED        *)
(* notifier).                                                               *)
EXTENDS VfioP2p

MCDevices == {1, 2}
MCP2PDevices == {1, 2}
MCPreCopyDevices == {1}
MCFailableArcs == {}
MCMaxFailures == 0
MCResetDeviceInitiatesP2P == FALSE
MCVmPaused == FALSE
MCCpuMmio == FALSE
MCMigrationMayFail == TRUE
MCUserPause == FALSE
MCDefects == {}
==============================================================================
