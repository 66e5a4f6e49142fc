--------------------------- MODULE MC_VfioPathCheck ---------------------------
(* All 225 requests (4 flag sets x supported states and ERROR x 9 targets)  *)
(* against the reference tables as transcribed.                             *)
EXTENDS VfioPathCheck
MCDefects == {}
MCTable == RefNextStep
MCOutcome == Outcome7
==============================================================================
