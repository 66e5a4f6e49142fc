---- MODULE MC_RxDmaIommuShiftDirtyLagNoReport ----
(* Broken variant of DirtyBitsSettle: with DirtyLag the late dirty bits never arrive (IommuMark never happens: a device-side tracker that never reports; a TLC operator override). *)
EXTENDS RxDma

MC_N == 2
MC_Packets == {1}
MC_MaxRounds == 1
MC_Tracking == "IOMMU"
MC_Restore == "SHIFT"
MC_StopMode == "QEMU_NOTIFY"

MC_NoMark(pg) == FALSE
====
