------------------------ MODULE MC_VfioPathCheck_V1Enum ------------------------
(* BROKEN (QEMU Q1 class, 2461e752199c): RUNNING carries the v1 RUNNING bit *)
(* (1) instead of the v2 value 2; it collides with STOP = 1.  The typed ABI  *)
(* check catches it in the initial state.                                   *)
EXTENDS VfioPathCheck
MCDefects == {"V1RunningValue"}
MCTable == RefNextStep
MCOutcome == Outcome7
==============================================================================
