------------------------ MODULE MC_VfioP2p_NoBlocker ------------------------
(* BROKEN: two devices, device 2 without P2P, and no migration blocker:     *)
(* device 2 has no prepare callback and keeps running (and writing to       *)
(* device 1) after device 1 stopped.                                        *)
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
MCDefects == {"NoMigrationBlocker"}
==============================================================================
