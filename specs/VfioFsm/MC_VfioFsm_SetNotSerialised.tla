------------------- MODULE MC_VfioFsm_SetNotSerialised -------------------
(* BROKEN (hypothetical): the driver's SET ioctl does not hold its state  *)
(* mutex across the loop, so a second SET (another user thread) starts    *)
(* while the first is between two arcs: the first SET's walk is abandoned *)
(* without a reply.  Flags 1: RUNNING -> STOP_COPY takes two arcs.        *)
EXTENDS VfioFsm

MCFlagSets == {1}
MCDefects == {}
==============================================================================
