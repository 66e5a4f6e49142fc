-------------------- MODULE MC_VfioP2p_FindingResumeReset --------------------
(* FINDING (needs a precondition): on the destination RESUMING -> STOP      *)
(* fails for one device (its image rejected); QEMU resets it to RUNNING     *)
(* while its peer is still RESUMING; a reset device that initiates P2P      *)
(* loses a write into the peer.                                             *)
EXTENDS VfioP2p

MCDevices == {1, 2}
MCP2PDevices == {1, 2}
MCPreCopyDevices == {}
MCFailableArcs == {<<"RESUMING", "STOP">>}
MCMaxFailures == 1
MCResetDeviceInitiatesP2P == TRUE
MCVmPaused == FALSE
MCCpuMmio == FALSE
MCMigrationMayFail == FALSE
MCUserPause == FALSE
MCDefects == {}
==============================================================================
