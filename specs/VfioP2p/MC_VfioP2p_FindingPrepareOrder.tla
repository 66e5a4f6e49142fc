------------------- MODULE MC_VfioP2p_FindingPrepareOrder -------------------
(* FINDING (real QEMU behaviour): the source prepare arc RUNNING ->         *)
(* RUNNING_P2P fails for one device; QEMU resets it to RUNNING and runs its *)
(* peer's main callback: one device RUNNING while the other is STOP, the    *)
(* uAPI's P2P ordering rule broken.                                         *)
EXTENDS VfioP2p

MCDevices == {1, 2}
MCP2PDevices == {1, 2}
MCPreCopyDevices == {}
MCFailableArcs == {<<"RUNNING", "RUNNING_P2P">>}
MCMaxFailures == 1
MCResetDeviceInitiatesP2P == FALSE
MCVmPaused == FALSE
MCCpuMmio == FALSE
MCMigrationMayFail == FALSE
MCUserPause == FALSE
MCDefects == {}
==============================================================================
