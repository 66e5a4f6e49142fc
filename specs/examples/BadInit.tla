---- MODULE BadInit ----
\* One of the two initial states already violates Small: the counterexample is that state alone.
EXTENDS Naturals
VARIABLES x
Init == x \in {0, 5}
Next == x' = x
\* Deliberately false for x = 5.
Small == x < 3
====
