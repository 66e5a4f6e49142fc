---------------------------- MODULE Kinds ----------------------------
(* Hand-written TLA+ equivalent of Kinds.qnt: the same variables, values and actions. Quint's    *)
(* maps become TLA+ functions: keys 1..2 give a sequence, string keys a record, no keys <<>>.    *)
(* Quint's nondeterministic pick k is the parameter of inc, as mbt::nondetPicks records it.      *)
EXTENDS Integers, Sequences

VARIABLES n, big, name, flag, bag, log, rec, pair, byId, seqLike, byName, none

init ==
  /\ n = 0
  /\ big = 2147483647
  /\ name = "zero"
  /\ flag = FALSE
  /\ bag = {}
  /\ log = <<>>
  /\ rec = [count |-> 0, label |-> "start"]
  /\ pair = <<0, "none">>
  /\ byId = [i \in {10, 20} |-> IF i = 10 THEN "x" ELSE "y"]
  /\ seqLike = <<TRUE, FALSE>>
  /\ byName = [a |-> 0, b |-> 0]
  /\ none = <<>>

inc(k) ==
  /\ n < 3
  /\ n' = n + 1
  /\ big' = -big
  /\ name' = IF k = 1 THEN "one" ELSE "two"
  /\ flag' = ~flag
  /\ bag' = bag \cup {k}
  /\ log' = Append(log, name)
  /\ rec' = [count |-> rec.count + k, label |-> name]
  /\ pair' = <<k, name>>
  /\ byId' = [byId EXCEPT ![10 * k] = name]
  /\ seqLike' = [seqLike EXCEPT ![k] = ~seqLike[k]]
  /\ byName' = [byName EXCEPT ![IF k = 1 THEN "a" ELSE "b"] = n]
  /\ none' = none

reset ==
  /\ n = 3
  /\ n' = 0
  /\ big' = 2147483647
  /\ name' = "zero"
  /\ flag' = FALSE
  /\ bag' = {}
  /\ log' = <<>>
  /\ rec' = [count |-> 0, label |-> "start"]
  /\ pair' = <<0, "none">>
  /\ byId' = [i \in {10, 20} |-> IF i = 10 THEN "x" ELSE "y"]
  /\ seqLike' = <<TRUE, FALSE>>
  /\ byName' = [a |-> 0, b |-> 0]
  /\ none' = <<>>

next == (\E k \in {1, 2} : inc(k)) \/ reset
=============================================================================
