---- MODULE MC_RxDmaNoneShift ----
(* (d)+(1), QEMU stop: device writes are not tracked at all. *)
EXTENDS RxDma

MC_N == 4
MC_Packets == {1, 2, 3}
MC_MaxRounds == 2
MC_Tracking == "NONE"
MC_Restore == "SHIFT"
MC_StopMode == "QEMU_NOTIFY"
====
