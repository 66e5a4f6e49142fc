-------------------------- MODULE MC_VfioP2p_Single --------------------------
(* Correct: one device without P2P (a single device needs no P2P states),   *)
(* as a target of the guest's MMIO stores: the vCPUs pause before the       *)
(* device stops and resume after it runs again, on both hosts and after a   *)
(* cancelled or failed migration, so no store reaches it while it is        *)
(* stopped.                                                                 *)
EXTENDS VfioP2p

MCDevices == {1}
MCP2PDevices == {}
MCPreCopyDevices == {1}
MCFailableArcs == {}
MCMaxFailures == 0
MCResetDeviceInitiatesP2P == FALSE
MCVmPaused == FALSE
MCCpuMmio == TRUE
MCMigrationMayFail == TRUE
MCUserPause == FALSE
MCDefects == {}
==============================================================================
