--------------------------- MODULE Variants ---------------------------
(* Hand-written TLA+ equivalent of Variants.qnt. A Quint variant is the record Quint writes to   *)
(* ITF, [tag |-> "Name", value |-> payload]; a variant without payload has the empty tuple       *)
(* (here <<>>) as value. Quint's picks job and ok are the parameters of Start and Finish.        *)
EXTENDS Integers, FiniteSets

VARIABLES mode, last, finished

Idle == [tag |-> "Idle", value |-> <<>>]
Busy(j) == [tag |-> "Busy", value |-> j]
Done(j, ok) == [tag |-> "Done", value |-> [job |-> j, ok |-> ok]]
Nothing == [tag |-> "Nothing", value |-> <<>>]
Just(b) == [tag |-> "Just", value |-> b]

Init ==
  /\ mode = Idle
  /\ last = Nothing
  /\ finished = {}

Start(job) ==
  /\ mode = Idle
  /\ job \notin finished
  /\ mode' = Busy(job)
  /\ UNCHANGED <<last, finished>>

Finish(ok) ==
  /\ mode.tag = "Busy"
  /\ mode' = Done(mode.value, ok)
  /\ finished' = finished \cup {mode.value}
  /\ last' = Just(ok)

Clear ==
  /\ mode.tag = "Done"
  /\ mode' = Idle
  /\ finished' = IF Cardinality(finished) = 2 THEN {} ELSE finished
  /\ UNCHANGED last

Next == (\E job \in {1, 2} : Start(job)) \/ (\E ok \in BOOLEAN : Finish(ok)) \/ Clear
=============================================================================
