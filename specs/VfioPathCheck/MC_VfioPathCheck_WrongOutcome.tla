--------------------- MODULE MC_VfioPathCheck_WrongOutcome ---------------------
(* BROKEN on purpose: the "full SET outcome" list handed to the check says  *)
(* PRE_COPY -> STOP takes two arcs (as if PRE_COPY -> STOP_COPY -> STOP      *)
(* were allowed); the walked kernel path takes three (PRE_COPY -> RUNNING -> *)
(* RUNNING_P2P -> STOP) and PathMatchesOutcome catches the wrong entry.      *)
EXTENDS VfioPathCheck
MCDefects == {}
MCTable == RefNextStep
MCOutcome == [Outcome7 EXCEPT !["PRE_COPY"]["STOP"] = <<2, FALSE>>]
==============================================================================
