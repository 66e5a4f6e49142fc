---- MODULE SomethingElse ----
\* The module's name is not its file's.
VARIABLE x
Init == x = 0
Next == x' = x
====
