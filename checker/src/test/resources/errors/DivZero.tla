---- MODULE DivZero ----
\* Division by zero in the next-state relation: a runtime error of the spec.
EXTENDS Integers
VARIABLE x
Init == x = 0
Next == x' = 1 \div x
====
