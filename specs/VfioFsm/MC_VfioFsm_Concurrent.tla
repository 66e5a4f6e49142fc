-------------------- MODULE MC_VfioFsm_Concurrent --------------------
(* The correct device with every concurrency the drivers have, both sides   *)
(* of the serialisation constants that main model does not take: reads AND *)
(* the precopy ioctl between the arcs of a SET, a reset during a SET        *)
(* deferred to the unlock (mlx5/pds), the asynchronous SAVE of mlx5 with    *)
(* the K6 fix.  Flags 5 (PRE_COPY without P2P), arcs do not fail.           *)
EXTENDS VfioFsm

MCFlagSets == {5}
MCDefects == {}
==============================================================================
