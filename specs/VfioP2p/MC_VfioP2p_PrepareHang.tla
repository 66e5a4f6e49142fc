----------------------- MODULE MC_VfioP2p_PrepareHang -----------------------
(* BROKEN: no blocker for a device without P2P, and an orchestrator whose   *)
(* main phase waits for every device to reach a *_P2P state: the device     *)
(* without P2P never gets there, so the migration never completes (the VM   *)
(* stays paused).                                                           *)
EXTENDS VfioP2p

MCDevices == {1, 2}
MCP2PDevices == {1}
MCPreCopyDevices == {}
MCFailableArcs == {}
MCMaxFailures == 0
MCResetDeviceInitiatesP2P == FALSE
MCVmPaused == FALSE
MCCpuMmio == FALSE
MCMigrationMayFail == FALSE
MCUserPause == FALSE
MCDefects == {"NoMigrationBlocker", "PrepareWaitsForAll"}
==============================================================================
