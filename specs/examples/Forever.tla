---- MODULE Forever ----
\* An unbounded counter: the state space is infinite, so checking only ends by timeout.
EXTENDS Naturals
VARIABLES x, y
Init == x = 0 /\ y = 0
Next == \/ x' = x + 1 /\ y' = y
        \/ y' = y + 1 /\ x' = x
====
