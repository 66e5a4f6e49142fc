------------------- MODULE MC_VfioP2p_FindingPrepareReset -------------------
(* FINDING (needs a precondition): as FindingPrepareOrder, with a reset     *)
(* device that initiates P2P before the guest reprograms it: its write into *)
(* the stopped peer is lost.                                                *)
EXTENDS VfioP2p

MCDevices == {1, 2}
MCP2PDevices == {1, 2}
MCPreCopyDevices == {}
MCFailableArcs == {<<"RUNNING", "RUNNING_P2P">>}
MCMaxFailures == 1
MCResetDeviceInitiatesP2P == TRUE
MCVmPaused == FALSE
MCCpuMmio == FALSE
MCMigrationMayFail == FALSE
MCUserPause == FALSE
MCDefects == {}
==============================================================================
