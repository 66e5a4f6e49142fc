---- MODULE MC_RxDmaIommuRestoreHeadRing8 ----
(* bounds (issue 11 item 4): IOMMU / RESTORE_HEAD / QEMU on an 82599-sized ring of 8 descriptors, two frames in flight (MaxInflight = 2), 2 frames, 2 pre-copy rounds; migration starts with the head at 7, so the second frame wraps the ring (3 frames did not fit the time on the loaded VM). *)
EXTENDS RxDma

MC_N == 8
MC_Packets == {1, 2}
MC_MaxRounds == 2
MC_Tracking == "IOMMU"
MC_Restore == "RESTORE_HEAD"
MC_InitHead == 7
MC_StopMode == "QEMU"
====
