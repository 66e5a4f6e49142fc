---- MODULE MC_RxDmaDummyAfterDropRingTwoDesc ----
(* DUMMY_AFTER / DROP_RING / QEMU_NOTIFY with FrameDescs = 2: every frame spans two descriptors *)
EXTENDS RxDma

MC_N == 3
MC_Packets == {1, 2}
MC_MaxRounds == 2
MC_Tracking == "DUMMY_AFTER"
MC_Restore == "DROP_RING"
MC_StopMode == "QEMU_NOTIFY"
====
