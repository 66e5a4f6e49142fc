---- MODULE ChooseEmpty ----
\* CHOOSE from the empty set has no value.
EXTENDS Integers
VARIABLE x
Init == x = 0
Next == x' = CHOOSE y \in {} : TRUE
====
