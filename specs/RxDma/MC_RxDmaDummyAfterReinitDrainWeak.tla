---- MODULE MC_RxDmaDummyAfterReinitDrainWeak ----
(* (b)+(2), cooperative stop, under every weaker assumption it survives: 2 frames in flight, length-then-status reads, batched refill, DMA after stop *)
EXTENDS RxDma

MC_N == 3
MC_Packets == {1, 2, 3}
MC_MaxRounds == 2
MC_Tracking == "DUMMY_AFTER"
MC_Restore == "REINIT"
MC_StopMode == "GUEST_DRAIN"
====
