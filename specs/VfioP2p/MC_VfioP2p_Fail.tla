--------------------------- MODULE MC_VfioP2p_Fail ---------------------------
(* Correct given FLR-reset hardware: a prepare arc (RUNNING -> RUNNING_P2P) *)
(* on the source or RESUMING -> STOP on the destination may fail once; QEMU *)
(* resets the device and still runs the peers' callbacks; a reset device    *)
(* initiates no P2P until the guest runs again. No P2P write is lost, no    *)
(* device stays in ERROR, a failed migration ends with the source VM        *)
(* running again.                                                           *)
EXTENDS VfioP2p

MCDevices == {1, 2}
MCP2PDevices == {1, 2}
MCPreCopyDevices == {1}
MCFailableArcs == {<<"RUNNING", "RUNNING_P2P">>, <<"RESUMING", "STOP">>}
MCMaxFailures == 1
MCResetDeviceInitiatesP2P == FALSE
MCVmPaused == FALSE
MCCpuMmio == FALSE
MCMigrationMayFail == TRUE
MCUserPause == FALSE
MCDefects == {}
==============================================================================
