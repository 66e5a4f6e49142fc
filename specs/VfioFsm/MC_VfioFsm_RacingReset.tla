-------------------- MODULE MC_VfioFsm_RacingReset --------------------
(* DeferredReset = FALSE, the other side of the constant, as a HOLDS model: *)
(* a reset that arrives while a SET is inside an arc runs its bookkeeping   *)
(* at once (RUNNING, fds disabled, the increment dropped) and the driver    *)
(* loop then records the arc's end state over it (ResetRacesArc).  No       *)
(* driver found does this: mlx5 defers the reset to the unlock              *)
(* (mlx5vf_pci_aer_reset_done, mlx5vf_state_mutex_unlock), pds the same     *)
(* (pds_vfio_reset, pds_vfio_state_mutex_unlock).  VfioFsm_ImmediateReset   *)
(* shows what the race breaks: SingleSession (a saving or resuming state    *)
(* left without its session).  This model checks everything else the race  *)
(* must still keep, so that the race itself stays what the comment of       *)
(* ResetRacesArc says it is and nothing more: the state it records is the   *)
(* arc's end on a direct arc, the reply obeys the oracle, no fd is served   *)
(* without a session, nothing is recorded for a later unlock.  Flags 1 (no  *)
(* PRE_COPY: STOP -> RESUMING and STOP_COPY) and 7 (every state); two       *)
(* ioctls, the SET and the reset that races it, so a race inside a          *)
(* multi-arc SET is followed by the SET's remaining arcs.                   *)
EXTENDS VfioFsm

MCFlagSets == {1, 7}
MCDefects == {}

\* SingleSession without the half the race breaks ("a saving or resuming
\* state has its session"): a session that is live is in its state, has one
\* fd, and that fd has the session's direction.
SessionMatchesState ==
  /\ Cardinality(live_fds) <= 1
  /\ session = "SAVING" => device_state \in SavingGroup
  /\ session = "RESUMING" => device_state = "RESUMING"
  /\ (session = "NONE") <=> (live_fds = {})
  /\ session = "RESUMING" => live_fds \subseteq resuming_fds
  /\ session = "SAVING" => live_fds \cap resuming_fds = {}

\* FdOnlyOnSessionStart with the returned fd possibly disabled by the reset
\* that raced its arc: it is still the newest fd, returned exactly when the
\* SET started a session, no other fd is live, and it has the direction of
\* the session it started, which the driver fixed when it created the file
\* (anon_inode_getfile(..., O_WRONLY) for a resuming fd, O_RDONLY for a
\* saving one) whatever the reset did afterwards.
FdOnlyOnSessionStartOrReset ==
  returned_fd # -1 => /\ returned_fd = fd_count
                      /\ live_fds \subseteq {returned_fd}
                      /\ NewFdRule(path[1], set_target)
                      /\ (returned_fd \in resuming_fds <=> set_target = "RESUMING")

\* Without deferral nothing is recorded for a later unlock: every reset
\* takes effect in the step it happens.
ResetNeverRecorded == ~reset_deferred
==============================================================================
