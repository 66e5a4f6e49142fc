---- MODULE MC_RxDmaDummyAfterDropRingLive ----
(* Duyck's drop-the-ring under FairSpec, ring of 2, 2 frames, 1 round: safety as in RxDmaDummyAfterDropRing, and the destination frees the old ring, re-initialises it and receives again. *)
EXTENDS RxDma

MC_N == 2
MC_Packets == {1, 2}
MC_MaxRounds == 1
MC_Tracking == "DUMMY_AFTER"
MC_Restore == "DROP_RING"
MC_StopMode == "QEMU_NOTIFY"
====
