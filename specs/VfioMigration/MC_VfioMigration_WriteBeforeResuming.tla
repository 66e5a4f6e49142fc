----------------- MODULE MC_VfioMigration_WriteBeforeResuming ---------------
(* BROKEN: a QEMU that writes a received chunk to the destination device    *)
(* before the device's RESUMING SET has returned: the kernel has no resuming *)
(* file yet (vfio.h: the data_fd exists only from the arc into RESUMING), so *)
(* the write goes through no live session (WritesThroughLiveFd).            *)
EXTENDS VfioMigration

MCFlagSets == {1}
MCDefects == {"WriteBeforeResuming"}
=============================================================================
