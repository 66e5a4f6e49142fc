-------------------- MODULE MC_VfioPathCheck_NoInteriorRule --------------------
(* BROKEN: the combination-arc rules without the saving-group interior rule *)
(* (shortest path over the direct arcs, nothing else).  Shortest paths are  *)
(* then ambiguous, e.g. PRE_COPY -> STOP via RUNNING or via PRE_COPY_P2P, so *)
(* "take the shortest path" alone does not define the kernel's answer.      *)
EXTENDS VfioPathCheck
MCDefects == {"NoInteriorRule"}
MCTable == RefNextStep
MCOutcome == Outcome7
==============================================================================
