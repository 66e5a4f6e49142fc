---- MODULE OutOfDomain ----
\* A function applied to an argument outside its domain.
EXTENDS Integers
VARIABLE x
f == [i \in 1..2 |-> i]
Init == x = 0
Next == x' = f[3]
====
