------------------- MODULE MC_VfioFsm_StaleIncrement -------------------
(* BROKEN (hypothetical): the driver keeps the asynchronous SAVE's        *)
(* increment in the device object instead of the session's migration file *)
(* and never drops it, so a saving session that starts after an ended one *)
(* carries changes the device made before it: the new stream holds more   *)
(* than its initial image and its own changes.  Same constants as         *)
(* MC_VfioFsm_SecondSession.                                              *)
EXTENDS VfioFsm

MCFlagSets == {5}
MCDefects == {}
==============================================================================
