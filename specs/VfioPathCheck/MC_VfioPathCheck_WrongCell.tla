----------------------- MODULE MC_VfioPathCheck_WrongCell -----------------------
(* BROKEN on purpose: the table handed to the check has one wrong cell, the  *)
(* slip a transcriber makes when forgetting RUNNING_P2P: with flags 7,       *)
(* RUNNING -> STOP as one direct arc (that arc only exists without P2P).     *)
(* The check must catch it: RuleMatchesTable is violated by the initial      *)
(* state flags = 7, device_state = RUNNING, set_target = STOP.               *)
EXTENDS VfioPathCheck
MCDefects == {}
MCTable == [RefNextStep EXCEPT ![7]["RUNNING"]["STOP"] = "STOP"]
MCOutcome == Outcome7
==============================================================================
