------------------- MODULE MC_VfioFsm_SecondSession -------------------
(* A saving session after an ended one, with mlx5's asynchronous SAVE:    *)
(* three ioctls (enter PRE_COPY, leave it by a SET or a reset, enter it   *)
(* again), so an increment the first session left unsaved could reach    *)
(* the second.  The other models stop at two ioctls with AsyncSave.       *)
(* Flags 5, arcs do not fail, reads and the precopy ioctl serialised.     *)
EXTENDS VfioFsm

MCFlagSets == {5}
MCDefects == {}
==============================================================================
