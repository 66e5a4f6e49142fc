---- MODULE Reset ----
\* Reset is chosen from a state-dependent set, which TLC does not split into per-process actions:
\* the checker recovers the parameter of each Reset step by splitting again in the step's state.
EXTENDS Naturals
CONSTANTS Procs, Limit
VARIABLES ctr, resets

Init == ctr = [p \in Procs |-> 0] /\ resets = 0

Inc(p) == ctr[p] < Limit /\ ctr' = [ctr EXCEPT ![p] = @ + 1] /\ UNCHANGED resets

Reset(p) == ctr' = [ctr EXCEPT ![p] = 0] /\ resets' = resets + 1

Next == \/ \E p \in Procs : Inc(p)
        \/ \E p \in {r \in Procs : ctr[r] = Limit} : Reset(p)

\* Deliberately false: no counter is ever reset (fails at the first Reset).
NoReset == resets = 0
====
