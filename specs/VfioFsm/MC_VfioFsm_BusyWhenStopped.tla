-------------------- MODULE MC_VfioFsm_BusyWhenStopped --------------------
(* BROKEN: a device that keeps working (DMA, internal state changes) in     *)
(* STOP and RESUMING, where vfio.h requires it to be quiescent.  Device     *)
(* activity is an environment action enabled in every state the device     *)
(* model allows, so the stopped device's change shows in Quiescence after   *)
(* RUNNING -> STOP (flags 1: one direct arc).                               *)
EXTENDS VfioFsm

MCFlagSets == {1}
MCDefects == {"BusyWhenStopped"}
==============================================================================
