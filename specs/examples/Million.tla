---- MODULE Million ----
\* Four counters modulo 32, each stepping up or down: 32^4 = 1,048,576 reachable states with
\* 8 successors each (8,388,609 generated), for the benchmark against raw TLC.
EXTENDS Naturals
CONSTANTS N, M
VARIABLES c
Init == c = [i \in 1..N |-> 0]
Tick(i) == c' = [c EXCEPT ![i] = (@ + 1) % M]
Back(i) == c' = [c EXCEPT ![i] = (@ + M - 1) % M]
Next == \E i \in 1..N : Tick(i) \/ Back(i)
TypeOK == c \in [1..N -> 0..(M - 1)]
====
