---- MODULE Tally ----
\* Two counters 0..Limit with a Modelator-style history variable; Reset's parameter comes from a
\* state-dependent set (TLC does not split it, the explorer's refiner does).
EXTENDS Naturals
CONSTANTS Procs, Limit
VARIABLES ctr, action

Init == ctr = [p \in Procs |-> 0] /\ action = [tag |-> "Init"]

Inc(p) == ctr[p] < Limit /\ ctr' = [ctr EXCEPT ![p] = @ + 1] /\ action' = [tag |-> "Inc", p |-> p]

Reset(p) == ctr' = [ctr EXCEPT ![p] = 0] /\ action' = [tag |-> "Reset", p |-> p]

Never == FALSE /\ UNCHANGED <<ctr, action>>

Next == \/ \E p \in Procs : Inc(p)
        \/ \E p \in {r \in Procs : ctr[r] = Limit} : Reset(p)
        \/ Never
====
