---------------------- MODULE MC_VfioP2p_SingleVcpuLate ----------------------
(* BROKEN: the single device is stopped before the vCPUs pause              *)
(* (vm_state_notify before pause_all_vcpus): a vCPU's MMIO store reaches    *)
(* the stopped device and is lost.                                          *)
EXTENDS VfioP2p

MCDevices == {1}
MCP2PDevices == {}
MCPreCopyDevices == {1}
MCFailableArcs == {}
MCMaxFailures == 0
MCResetDeviceInitiatesP2P == FALSE
MCVmPaused == FALSE
MCCpuMmio == TRUE
MCMigrationMayFail == FALSE
MCUserPause == FALSE
MCDefects == {"StopBeforeVcpuPause"}
==============================================================================
