---- MODULE Cycle ----
\* x cycles 0 -> 1 -> 2 -> 0; the value 3 is never reached.
EXTENDS Naturals
VARIABLES x
Init == x = 0
Step == x' = (x + 1) % 3
Next == Step
\* Without fairness the behaviour may stutter at x = 0 forever: <>(x = 2) fails by stuttering.
Spec == Init /\ [][Next]_x
\* With weak fairness x keeps cycling, so []<>(x = 3) fails with a lasso back to x = 0.
FairSpec == Init /\ [][Next]_x /\ WF_x(Next)
EventuallyTwo == <>(x = 2)
InfinitelyOftenThree == []<>(x = 3)
====
