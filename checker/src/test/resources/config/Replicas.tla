---- MODULE Replicas ----
\* A value moves between replicas; the configurations name constants this module does not declare.
CONSTANT Replicas
VARIABLE at
Init == at \in Replicas
Next == at' \in Replicas
TypeOK == at \in Replicas
\* fails: every replica is reachable from the start
StaysPut == at = CHOOSE r \in Replicas : TRUE
====
