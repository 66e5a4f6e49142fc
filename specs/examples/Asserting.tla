---- MODULE Asserting ----
\* The step from x = 1 to x = 2 trips an Assert inside the action.
EXTENDS Naturals, TLC
VARIABLES x
Init == x = 0
Step == /\ Assert(x < 2, "x must stay below 2")
        /\ x' = x + 1
Next == Step
====
