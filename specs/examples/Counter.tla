---- MODULE Counter ----
\* Two processes each count up to Limit and reset; used for HOLDS and invariant-violation models.
EXTENDS Naturals
CONSTANTS Procs, Limit
VARIABLES ctr

Init == ctr = [p \in Procs |-> 0]

Inc(p) == ctr[p] < Limit /\ ctr' = [ctr EXCEPT ![p] = @ + 1]

Reset(p) == ctr[p] = Limit /\ ctr' = [ctr EXCEPT ![p] = 0]

Next == \E p \in Procs : Inc(p) \/ Reset(p)

\* Every counter stays within 0..Limit.
TypeOK == ctr \in [Procs -> 0..Limit]

\* Deliberately too strong: two counters together stay below 5 (fails once they reach 5).
SumBelow5 == \A p, q \in Procs : p # q => ctr[p] + ctr[q] < 5
====
