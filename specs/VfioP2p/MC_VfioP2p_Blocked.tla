------------------------- MODULE MC_VfioP2p_Blocked -------------------------
(* Correct: two devices, one without P2P, with P2P and MMIO traffic         *)
(* running: the blocker refuses the migration (QMP migrate fails), nothing  *)
(* is issued to the devices, the traffic keeps landing and the refused      *)
(* migration ends.                                                          *)
EXTENDS VfioP2p

MCDevices == {1, 2}
MCP2PDevices == {1}
MCPreCopyDevices == {}
MCFailableArcs == {}
MCMaxFailures == 0
MCResetDeviceInitiatesP2P == FALSE
MCVmPaused == FALSE
MCCpuMmio == TRUE
MCMigrationMayFail == FALSE
MCUserPause == FALSE
MCDefects == {}
==============================================================================
