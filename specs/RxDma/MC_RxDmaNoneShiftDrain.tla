---- MODULE MC_RxDmaNoneShiftDrain ----
(* (d)+(1), cooperative stop: the stack still reads a buffer page that was never re-sent. *)
EXTENDS RxDma

MC_N == 4
MC_Packets == {1, 2, 3}
MC_MaxRounds == 2
MC_Tracking == "NONE"
MC_Restore == "SHIFT"
MC_StopMode == "GUEST_DRAIN"
====
