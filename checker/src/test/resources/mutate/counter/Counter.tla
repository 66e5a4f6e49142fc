---------------------------- MODULE Counter ----------------------------
(* Fixture of MutateCommandTest: a counter that counts to 3 and resets.  *)
(* Its mutants are counted by hand in that test's Javadoc.               *)
EXTENDS Naturals
VARIABLE x

Restart == [v \in {3} |-> 0]

Init == x = 0

Inc == /\ x < 3
       /\ x' = x + 1

Reset == /\ x = 3
         /\ x' = Restart[x]

Next == Inc \/ Reset

Spec == Init /\ [][Next]_x

TypeOK == x \in 0..3

BelowThree == x < 3
=========================================================================
