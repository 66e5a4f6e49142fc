-------------------- MODULE MC_VfioFsm_DirtyNotReported --------------------
(* BROKEN (hypothetical): the precopy ioctl reports dirty_bytes = 0 (as     *)
(* mtty_precopy_ioctl does, right for mtty, which queues no dirty data in   *)
(* PRE_COPY) on a device that does queue dirty data: 0 and 0 reported with  *)
(* data readable.                                                          *)
EXTENDS VfioFsm

MCFlagSets == {5}
MCDefects == {}
==============================================================================
