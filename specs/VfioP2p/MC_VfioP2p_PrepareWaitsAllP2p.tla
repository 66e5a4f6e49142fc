------------------- MODULE MC_VfioP2p_PrepareWaitsAllP2p -------------------
(* The orchestrator of VfioP2p_PrepareHang (its main phase waits for EVERY  *)
(* device to reach a *_P2P state, PrepareWaitsForAll) on a VM whose devices *)
(* all support P2P: then every device gets there and the wait is harmless.  *)
(* The other side of PrepareHang, whose device without P2P never reaches a  *)
(* *_P2P state: the defect is a hang exactly when a device lacks P2P.       *)
(* QEMU itself only waits for the prepare callbacks it issued               *)
(* (vfio_vmstate_change_prepare runs for the devices with P2P).             *)
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
MCDefects == {"PrepareWaitsForAll"}
==============================================================================
