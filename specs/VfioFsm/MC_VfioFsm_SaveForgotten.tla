------------------- MODULE MC_VfioFsm_SaveForgotten -------------------
(* BROKEN, the broken variant of SaveEndsByCompletion: the second-session  *)
(* model with a precopy ioctl that forgets a SAVE in flight when it starts *)
(* none (save_inflight' is only the new start): a GET_PRECOPY_INFO on the  *)
(* first session's disabled fd, answered -ENODEV while the second session's *)
(* SAVE runs, drops the record.  The increment stays in dirty_pending, and *)
(* the next ioctl saves it again, so NoChangeLost and OneSaveAtATime (which *)
(* reads the very flag) still hold: only SaveEndsByCompletion sees it.     *)
EXTENDS MC_VfioFsm_SecondSession

MC_PrecopyInfoForgets(fd) ==
  /\ Unlocked \/ (Pending /\ InfoDuringSet)
  /\ fd \in 1..fd_count
  /\ fd_result' = CASE fd \in resuming_fds                           -> "EINVAL"
                    [] device_state \notin {"PRE_COPY", "PRE_COPY_P2P"} -> "EINVAL"
                    [] fd \notin live_fds                               -> "ENODEV"
                    [] ReportedInitial + ReportedDirty = 0              -> "INFO_END"
                    [] OTHER                                            -> "INFO"
  /\ save_inflight' = /\ AsyncSave /\ fd_result' \in {"INFO", "INFO_END"}
                      /\ initial_bytes = 0 /\ dirty_bytes = 0 /\ dirty_pending > 0
  /\ action' = [tag |-> "PrecopyInfo", fd |-> fd]
  /\ UNCHANGED <<flags, device_state, set_target, set_result, path, returned_fd,
                 fd_count, live_fds, session, initial_bytes, dirty_bytes, precopy_read,
                 dirty_made, stop_copy_bytes, ioctl_count, resuming_fds, reset_deferred,
                 dirty_pending>>
==============================================================================
