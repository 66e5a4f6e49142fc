---- MODULE MC_RxDmaDummyBeforeDropRing ----
(* (c) with Duyck's drop-the-ring and the notified driver, ring of 2, 1 frame, 1 round: the dummy read-modify-write races the buffer DMA at the source, as with every restore; the drop-the-ring restore also resets a clean loop the pause interrupted in the middle of a read-modify-write (stage and the byte read, rmw). *)
EXTENDS RxDma

MC_N == 2
MC_Packets == {1}
MC_MaxRounds == 1
MC_Tracking == "DUMMY_BEFORE"
MC_Restore == "DROP_RING"
MC_StopMode == "QEMU_NOTIFY"
====
