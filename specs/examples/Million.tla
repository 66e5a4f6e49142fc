---- MODULE Million ----
\* Four counters modulo 32: 32^4 = 1,048,576 reachable states, for the benchmark.
EXTENDS Naturals
CONSTANTS N, M
VARIABLES c
Init == c = [i \in 1..N |-> 0]
Tick(i) == c' = [c EXCEPT ![i] = (@ + 1) % M]
Next == \E i \in 1..N : Tick(i)
TypeOK == c \in [1..N -> 0..(M - 1)]
====
