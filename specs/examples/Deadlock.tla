---- MODULE Deadlock ----
\* A counter that stops at 3: the state x = 3 has no successor, so TLC reports a deadlock.
EXTENDS Naturals
VARIABLES x
Init == x = 0
Step == x < 3 /\ x' = x + 1
Next == Step
====
