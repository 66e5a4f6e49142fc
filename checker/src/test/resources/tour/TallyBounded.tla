---- MODULE TallyBounded ----
EXTENDS Tally
\* Deliberately false: no counter reaches Limit.
BelowLimit == \A p \in Procs : ctr[p] < Limit
====
