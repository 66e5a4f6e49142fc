---- MODULE MC_RxDmaDummyAfterShift ----
(* (b)+(1) with QEMU's stop order (vCPUs paused, then device stopped; no guest drain). *)
EXTENDS RxDma

MC_N == 4
MC_Packets == {1, 2, 3}
MC_MaxRounds == 2
MC_Tracking == "DUMMY_AFTER"
MC_Restore == "SHIFT"
MC_StopMode == "QEMU_NOTIFY"
====
