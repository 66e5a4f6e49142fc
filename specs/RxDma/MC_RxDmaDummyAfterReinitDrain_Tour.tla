---- MODULE MC_RxDmaDummyAfterReinitDrain_Tour ----
(* Tour model of MC_RxDmaDummyAfterReinitDrain (and its Wrap variant): the same strategy (DUMMY_AFTER / REINIT / GUEST_DRAIN) *)
(* with a 2-descriptor ring, 1 packet and 1 pre-copy round, small enough that a   *)
(* transition tour covering every reachable edge fits in traces/ (checker traces).   *)
EXTENDS RxDma

MC_N == 2
MC_Packets == {1}
MC_MaxRounds == 1
MC_Tracking == "DUMMY_AFTER"
MC_Restore == "REINIT"
MC_StopMode == "GUEST_DRAIN"
====
