-------------------- MODULE MC_VfioFsm_Concurrent --------------------
(* The correct device with every concurrency the drivers have, both sides   *)
(* of the serialisation constants that main model does not take: reads AND *)
(* the precopy ioctl between the arcs of a SET, a reset during a SET        *)
(* deferred to the unlock (mlx5/pds), the asynchronous SAVE of mlx5 with    *)
(* the K6 fix.  Flags 5 (PRE_COPY without P2P), arcs do not fail.           *)
EXTENDS VfioFsm

MCFlagSets == {5}
MCDefects == {}

\* The state mutex is released: a reset recorded during a SET is applied by
\* that SET's unlock (mlx5vf_state_mutex_unlock loops while deferred_reset is
\* set; pds_vfio_state_mutex_unlock the same), so the record never outlives
\* the SET and every later SET or reset can take the mutex (Unlocked).
\* Needs the weak fairness of Spec on SetStep and DeferredResetApplied.
ResetReleasesMutex == reset_deferred ~> ~reset_deferred

\* A read() on a saving fd outside its live session (the session ended: a
\* SET left the saving group, a reset, a new session) answers -ENODEV: the
\* driver disabled the file (mlx5vf_disable_fd sets MLX5_MIGF_STATE_ERROR,
\* and mlx5vf_save_read returns -ENODEV in that state; pds_vfio_save_read
\* the same for a disabled lm_file).  A resuming fd is answered by the VFS
\* (EBADF, ReadData); the live saving fd by ReadEndSemantics.
DisabledFdReadsEnodev ==
  action.tag = "ReadData" /\ action.fd \notin resuming_fds
    /\ ~(session = "SAVING" /\ action.fd \in live_fds) => fd_result = "ENODEV"
==============================================================================
