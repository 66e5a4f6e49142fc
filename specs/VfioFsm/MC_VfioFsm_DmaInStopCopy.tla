--------------------- MODULE MC_VfioFsm_DmaInStopCopy ---------------------
(* BROKEN: the device keeps changing internal state (DMA) in STOP_COPY; the *)
(* change never reaches the stream.                                         *)
EXTENDS VfioFsm

MCFlagSets == {5}
MCDefects == {"DmaInStopCopy"}
==============================================================================
