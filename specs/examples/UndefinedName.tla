---- MODULE UndefinedName ----
\* Parses, but semantic analysis fails: y is not declared anywhere.
VARIABLES x
Init == x = 0
Next == x' = y
====
