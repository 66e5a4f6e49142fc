---- MODULE MC_RxDmaDummyAfterDropRingWeak ----
(* DUMMY_AFTER / DROP_RING / QEMU_NOTIFY under 2 frames in flight, length-then-status reads, batched refill, DMA after stop *)
EXTENDS RxDma

MC_N == 3
MC_Packets == {1, 2}
MC_MaxRounds == 2
MC_Tracking == "DUMMY_AFTER"
MC_Restore == "DROP_RING"
MC_StopMode == "QEMU_NOTIFY"
====
