---- MODULE Undefined ----
\* A valid spec; the configs name an invariant or a constant it does not define.
EXTENDS Naturals
VARIABLES x
Init == x = 0
Next == x' = 1 - x
====
