------------------- MODULE MC_VfioPathCheck_DistOffByOne -------------------
(* BROKEN on purpose: the rules' distance counts one arc too many for every  *)
(* state that is not the target itself (the slip of DistIn's minimality      *)
(* conjunct c \notin L[k] written c \in L[k], which checker mutate found no  *)
(* property could see).  The kernel's walked path is then one arc shorter    *)
(* than Dist says: PathIsShortest fails in the first request that moves,     *)
(* an initial state (a trace of 1 state).                                    *)
EXTENDS VfioPathCheck
MCDefects == {}
MCTable == RefNextStep
MCOutcome == Outcome7
MCDist(c, t, f) == IF c = t THEN 0 ELSE DistIn(Levels(7, c, t, f), c) + 1
==============================================================================
