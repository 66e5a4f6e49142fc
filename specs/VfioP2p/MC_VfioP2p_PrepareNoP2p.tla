----------------------- MODULE MC_VfioP2p_PrepareNoP2p -----------------------
(* BROKEN: a prepare callback registered for a device without               *)
(* VFIO_MIGRATION_P2P: QEMU asks for RUNNING_P2P, which the kernel rejects  *)
(* for the device's flags.                                                  *)
EXTENDS VfioP2p

MCDevices == {1}
MCP2PDevices == {}
MCPreCopyDevices == {}
MCFailableArcs == {}
MCMaxFailures == 0
MCResetDeviceInitiatesP2P == FALSE
MCVmPaused == FALSE
MCCpuMmio == FALSE
MCMigrationMayFail == FALSE
MCUserPause == FALSE
MCDefects == {"PrepareWithoutP2p"}
==============================================================================
