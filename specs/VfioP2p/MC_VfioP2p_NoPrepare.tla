------------------------ MODULE MC_VfioP2p_NoPrepare ------------------------
(* BROKEN: the stop runs only the main callbacks (QEMU before 8.2): a       *)
(* device without the prepare step stops while its peer still runs, and a   *)
(* P2P write into the stopped device is lost.                               *)
EXTENDS VfioP2p

MCDevices == {1, 2}
MCP2PDevices == {1, 2}
MCPreCopyDevices == {}
MCFailableArcs == {}
MCMaxFailures == 0
MCResetDeviceInitiatesP2P == FALSE
MCVmPaused == FALSE
MCCpuMmio == FALSE
MCMigrationMayFail == FALSE
MCUserPause == FALSE
MCDefects == {"NoPreparePhase"}
==============================================================================
