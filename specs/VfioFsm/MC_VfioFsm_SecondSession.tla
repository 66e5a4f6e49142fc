------------------- MODULE MC_VfioFsm_SecondSession -------------------
(* A saving session after an ended one, with mlx5's asynchronous SAVE:    *)
(* three ioctls (enter PRE_COPY, leave it by a SET or a reset, enter it   *)
(* again), so an increment the first session left unsaved could reach    *)
(* the second.  The other models stop at two ioctls with AsyncSave.       *)
(* Flags 5, arcs do not fail, reads and the precopy ioctl serialised.     *)
EXTENDS VfioFsm

MCFlagSets == {5}
MCDefects == {}

(* The driver's record of a SAVE in flight ends with the SAVE: while the    *)
(* device stays in PRE_COPY(_P2P), save_inflight is cleared only by the     *)
(* command's completion, which queues its increment on the fd as dirty data *)
(* (SaveDone; mlx5vf_save_callback).  An arc or a reset that ends the       *)
(* session cancels it instead (ClearSave; mlx5vf_disable_fds ->             *)
(* mlx5_cmd_cleanup_async_msg), and those change the state.  A driver that  *)
(* dropped the record of a SAVE still running in the firmware would let the *)
(* next precopy ioctl start a second one beside it (since K6 mlx5 waits for *)
(* save_comp instead).  Defined here, not in VfioFsm.tla, so that the       *)
(* module's mutation history stays valid; broken variant:                  *)
(* VfioFsm_SaveForgotten.                                                   *)
SaveEndsByCompletion ==
  [][(/\ save_inflight /\ ~save_inflight'
      /\ device_state \in PreCopyStates /\ device_state' = device_state)
       => dirty_pending' = 0 /\ dirty_bytes' = dirty_bytes + dirty_pending]_vars
==============================================================================
