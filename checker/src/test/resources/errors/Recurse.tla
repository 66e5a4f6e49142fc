---- MODULE Recurse ----
\* A RECURSIVE operator without a base case: evaluating it never ends.
EXTENDS Integers
VARIABLE x
RECURSIVE F(_)
F(n) == F(n + 1)
Init == x = 0
Next == x' = F(x)
====
