------------------- MODULE MC_VfioFsm_ResetKeepsSession -------------------
(* BROKEN: VFIO_DEVICE_RESET returns to RUNNING but leaves the saving       *)
(* session live (the class of QEMU's data_fd out of sync and libvfio-user   *)
(* #853).                                                                   *)
EXTENDS VfioFsm

MCFlagSets == {5}
MCDefects == {"ResetKeepsSession"}
==============================================================================
