-------------------- MODULE MC_VfioPathCheck_NoInteriorRule --------------------
(* BROKEN: the combination-arc rules without the saving-group interior rule *)
(* (shortest path over the direct arcs, nothing else).  Shortest paths are  *)
(* then ambiguous: with flags 5, RUNNING -> STOP_COPY goes through STOP or  *)
(* through PRE_COPY (two arcs each), so "take the shortest path" alone does *)
(* not define the kernel's answer.                                          *)
EXTENDS VfioPathCheck
MCDefects == {"NoInteriorRule"}
MCTable == RefNextStep
MCOutcome == Outcome7
==============================================================================
