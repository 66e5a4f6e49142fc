---- MODULE MC_RxDmaDummyAfterShiftLogGap ----
(* (b)+(1): device writes are not logged; the driver's dummy write logs a buffer page only once it sees the descriptor, so a page sent before the DMA is stale and unlogged in between (DirtyLogComplete). Same model as RxDmaDummyAfterShift. *)
EXTENDS RxDma

MC_N == 4
MC_Packets == {1, 2, 3}
MC_MaxRounds == 2
MC_Tracking == "DUMMY_AFTER"
MC_Restore == "SHIFT"
MC_StopMode == "QEMU_NOTIFY"
====
