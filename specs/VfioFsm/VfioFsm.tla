------------------------------- MODULE VfioFsm -------------------------------
(***************************************************************************)
(* One VFIO device speaking migration protocol v2 (include/uapi/linux/     *)
(* vfio.h, enum vfio_device_mig_state), driven by a user that issues       *)
(* VFIO_DEVICE_FEATURE_MIG_DEVICE_STATE SET requests for ANY target, reads *)
(* the data_fd, asks VFIO_MIG_GET_PRECOPY_INFO and resets the device.      *)
(*                                                                         *)
(* A SET is resolved the way the kernel does it: the driver loops          *)
(*     while (cur != tgt) { n = vfio_mig_get_next_state(cur, tgt);        *)
(*                          step(cur -> n); cur = n; }                     *)
(* and every iteration of that loop is one TLA+ step (SetStep), so a       *)
(* request that never terminates is a visible behaviour, not a hang of     *)
(* the model checker.                                                      *)
(*                                                                         *)
(* vfio_mig_get_next_state is KernelNext below: the kernel's full-feature  *)
(* table T plus the skip loop over states the advertised flags do not      *)
(* support.  T itself is not transcribed: it is computed from the header's *)
(* rules (RuleNext: shortest path over the direct arcs of the flag set;    *)
(* saving-group states inside a path only when the path both starts and   *)
(* ends in the group).  VfioPathCheck compares both functions with the     *)
(* reference tables (VfioPathTable) for every (flags, current, target).    *)
(*                                                                         *)
(* Defects (a CONSTANT set of names, {} in a correct model) inject the     *)
(* historical or hypothetical bugs used by the broken-variant models.      *)
(*                                                                         *)
(* Concurrency (issue 12, item 5).  A SET holds the driver's state mutex   *)
(* for its whole loop (mlx5vf_pci_set_device_state, pds_vfio_set_device_   *)
(* state), so it is not atomic for anything that does not take that mutex: *)
(* read() on the data_fd, the precopy ioctl, a reset, and the asynchronous *)
(* SAVE command a driver left running.  Which of them the driver lets in   *)
(* is a CONSTANT, both sides modelled:                                     *)
(*  - ReadsDuringSet: TRUE: read() runs between the arcs of a SET in       *)
(*    progress (mlx5vf_save_read takes only migf->lock, pds_vfio_save_read *)
(*    only the file's lock; each arc changes the file under that lock, so  *)
(*    a read sees the state between two arcs, never inside one); FALSE:    *)
(*    read() is serialised against SET (mtty_save_read takes the device's  *)
(*    state_mutex, samples/vfio-mdev/mtty.c).                              *)
(*  - InfoDuringSet: TRUE: VFIO_MIG_GET_PRECOPY_INFO runs between the arcs *)
(*    of a SET (no driver found that does it); FALSE: it takes the state   *)
(*    mutex (mlx5vf_precopy_ioctl, mtty_precopy_ioctl).                    *)
(*  - DeferredReset: TRUE: a reset that finds the state mutex taken is     *)
(*    recorded and applied by the SET's unlock (mlx5vf_pci_aer_reset_done  *)
(*    sets deferred_reset and trylocks; mlx5vf_state_mutex_unlock applies  *)
(*    it: mig_state = RUNNING, mlx5vf_disable_fds; pds_vfio_reset and      *)
(*    pds_vfio_state_mutex_unlock the same); FALSE: the reset's            *)
(*    bookkeeping runs at once, without the mutex, inside the arc the SET  *)
(*    is executing, and the loop then records the arc's end state over it *)
(*    (the race the deferral exists to avoid).                             *)
(*  - AsyncSave: TRUE: device changes in PRE_COPY are captured by a SAVE   *)
(*    firmware command that the precopy ioctl starts when nothing is       *)
(*    queued and the device has an increment, and that completes later    *)
(*    (mlx5vf_precopy_ioctl -> mlx5vf_cmd_save_vhca_state, completion      *)
(*    mlx5vf_save_callback); the arc into STOP_COPY issues the final SAVE  *)
(*    and waits for the one in flight (migf->save_comp, the K6 fix         *)
(*    "vfio/mlx5: Enforce a single SAVE command at a time"); FALSE: each   *)
(*    change is queued as it happens (the emulator; mtty has no dirty      *)
(*    data in PRE_COPY).                                                   *)
(* FsmDefects are VfioFsm's own injected bugs (ConcurrentSave: K6,         *)
(* DirtyNotReported, DeferredResetDropped, SetNotSerialised,               *)
(* StaleIncrement).                                                        *)
(*                                                                         *)
(* Estimates (issue 12, item 6).  vfio.h (VFIO_MIG_GET_PRECOPY_INFO) calls *)
(* initial_bytes and dirty_bytes estimates: the driver need not report     *)
(* what the reads will produce, and the values need not relate to the     *)
(* STOP_COPY size.  What it does promise: the temporary end of the stream  *)
(* (-ENOMSG) is where both are zero.  initial_bytes and dirty_bytes below  *)
(* are the bytes actually readable; ReportedInitial/ReportedDirty are what *)
(* the ioctl returns.                                                      *)
(***************************************************************************)
EXTENDS VfioArcs

CONSTANTS
  FlagSets,      \* advertised VFIO_DEVICE_FEATURE_MIGRATION flags a behaviour may start with
  InitialSize,   \* bytes of the initial pre-copy image (initial_bytes at session start)
  MaxDirty,      \* bytes the running device may dirty during one saving session
  MaxOps,        \* SET + RESET ioctls per behaviour (bounds the fd numbers)
  ArcsMayFail,   \* TRUE: a driver arc may fail (device stays on the path or goes to ERROR)
  ReadsDuringSet, \* TRUE: read() on the data_fd runs between the arcs of a SET (mlx5, pds)
  InfoDuringSet,  \* TRUE: the precopy ioctl runs between the arcs of a SET (FALSE: mlx5, mtty)
  DeferredReset,  \* TRUE: a reset during a SET is applied at the SET's unlock (mlx5, pds)
  AsyncSave,      \* TRUE: PRE_COPY changes are captured by an asynchronous SAVE (mlx5)
  FsmDefects      \* VfioFsm's injected bugs (FsmDefectNames); {} in a correct model

FsmDefectNames ==
  { "ConcurrentSave",        \* K6: the arc into STOP_COPY does not wait for the SAVE in flight
    "DirtyNotReported",      \* dirty_bytes reported as 0 although dirty data is queued
    "DeferredResetDropped",  \* the SET's unlock clears the recorded reset without applying it
    "SetNotSerialised",      \* the SET ioctl does not hold the state mutex: a SET starts inside another
    "StaleIncrement" }       \* the increment of an ended session is kept and carried into the next

ASSUME FlagSets \subseteq {1, 3, 5, 7}
ASSUME InitialSize \in 1..4 /\ MaxDirty \in 0..4 /\ MaxOps \in 1..8
ASSUME ArcsMayFail \in BOOLEAN
ASSUME ReadsDuringSet \in BOOLEAN /\ InfoDuringSet \in BOOLEAN
ASSUME DeferredReset \in BOOLEAN /\ AsyncSave \in BOOLEAN
ASSUME FsmDefects \subseteq FsmDefectNames

-----------------------------------------------------------------------------
VARIABLES
  action,          \* history: [tag |-> name, params...] of the last step
  flags,           \* VFIO_DEVICE_FEATURE_MIGRATION flags the device advertises
  device_state,    \* the driver's current vfio_device_mig_state, as its name
  set_target,      \* device_state argument of the last SET
  set_result,      \* "NONE", "PENDING" (loop running), "OK", "EINVAL", "EIO"
  path,            \* states the last SET went through, its starting state first
  returned_fd,     \* data_fd of the last SET's reply (-1: none)
  fd_count,        \* data fds created so far; fds are numbered 1..fd_count
  live_fds,        \* fds the driver still serves (all others: -ENODEV)
  session,         \* "NONE", "SAVING" or "RESUMING"
  initial_bytes,   \* unread bytes of the initial image (readable now)
  dirty_bytes,     \* dirty data queued on the saving fd (readable now)
  precopy_read,    \* bytes read from the saving fd in PRE_COPY(_P2P) this session
  dirty_made,      \* changes the device made since it last quiesced or a session started
  stop_copy_bytes, \* bytes left before read() returns 0 in STOP_COPY
  fd_result,       \* result of the last read()/precopy ioctl on a data fd
  ioctl_count,     \* SET + RESET ioctls issued (bounded by MaxOps)
  resuming_fds,    \* fds returned by STOP -> RESUMING (opened O_WRONLY by the driver)
  reset_deferred,  \* a reset arrived while a SET held the state mutex, not yet applied
  dirty_pending,   \* AsyncSave: device changes not yet captured by a SAVE (the increment)
  save_inflight    \* AsyncSave: an incremental SAVE command started and not completed

vars == <<action, flags, device_state, set_target, set_result, path, returned_fd,
          fd_count, live_fds, session, initial_bytes, dirty_bytes, precopy_read,
          dirty_made, stop_copy_bytes, fd_result, ioctl_count, resuming_fds,
          reset_deferred, dirty_pending, save_inflight>>

\* Variables only the concurrency actions change.
concVars == <<reset_deferred, dirty_pending, save_inflight>>

FdIds == 1..MaxOps
FailOutcomes == {"STAY", "ERROR"}
\* "INFO": the precopy ioctl answered with some bytes reported; "INFO_END":
\* it answered 0 and 0 (the temporary end of the stream, as the user sees it).
FdResults == {"NONE", "DATA", "ENOMSG", "EOF", "ENODEV", "EINVAL", "EBADF", "INFO", "INFO_END"}
Pending == set_result = "PENDING"
MaxPath == 6   \* path is saturated here: 5 states = 4 arcs is the legal maximum

AppendPath(s) == IF Len(path) < MaxPath THEN Append(path, s) ELSE path

ClearPrecopy ==
  /\ initial_bytes' = 0 /\ dirty_bytes' = 0
  /\ precopy_read' = 0 /\ dirty_made' = 0

\* Leaving a session (or a reset), and starting a new one: the increment is
\* dropped and the driver waits for or cancels a SAVE in flight
\* (mlx5vf_disable_fds -> mlx5_cmd_cleanup_async_msg); a saving session
\* tracks the device's changes from its own start (mlx5vf_pci_save_device_
\* data allocates a new migration file and takes a new initial image).
\* With StaleIncrement the driver keeps the increment in the device object
\* across sessions, so a later session starts with changes it never made.
ClearSave == /\ dirty_pending' = IF "StaleIncrement" \in FsmDefects THEN dirty_pending ELSE 0
             /\ save_inflight' = FALSE

PreCopyStates == {"PRE_COPY", "PRE_COPY_P2P"}

\* What VFIO_MIG_GET_PRECOPY_INFO reports.  initial_bytes: the unread part
\* of the initial image (mlx5, mtty).  dirty_bytes: the queued dirty data
\* plus the device's increment not yet saved (mlx5 since 4928f67bc911);
\* before that fix (K2, DirtyBytesUnderreport) only the current chunk (one
\* unit: every change is its own chunk here) without the increment; with
\* DirtyNotReported always 0 (mtty_precopy_ioctl reports 0, right for mtty,
\* which queues no dirty data, wrong for a device that does).
ReportedInitial == initial_bytes
ReportedDirty ==
  CASE "DirtyNotReported" \in FsmDefects      -> 0
    [] "DirtyBytesUnderreport" \in Defects    -> IF dirty_bytes > 0 THEN 1 ELSE 0
    [] OTHER                                  -> dirty_bytes + dirty_pending

\* Only the user's side waits for the unlock: a recorded reset is applied
\* before the SET ioctl returns, so no other user call sees it unapplied.
Unlocked == ~Pending /\ ~reset_deferred

Init ==
  /\ action = [tag |-> "Init"]
  /\ flags \in FlagSets
  /\ device_state = "RUNNING"         \* open_device puts the device in RUNNING
  /\ set_target = "NONE"
  /\ set_result = "NONE"
  /\ path = <<>>
  /\ returned_fd = -1
  /\ fd_count = 0
  /\ live_fds = {}
  /\ session = "NONE"
  /\ initial_bytes = 0 /\ dirty_bytes = 0 /\ precopy_read = 0 /\ dirty_made = 0
  /\ stop_copy_bytes = 0
  /\ fd_result = "NONE"
  /\ ioctl_count = 0
  /\ resuming_fds = {}
  /\ reset_deferred = FALSE /\ dirty_pending = 0 /\ save_inflight = FALSE

-----------------------------------------------------------------------------
(* User: VFIO_DEVICE_FEATURE_SET | MIG_DEVICE_STATE with any target.        *)
(* A SET to the current state is a successful no-op without an fd.  (In     *)
(* ERROR the kernel helper WARNs and rejects; pds returns -EIO.  mlx5's     *)
(* loop would treat SET(ERROR) in ERROR as a no-op; we follow the uAPI:     *)
(* ERROR is never a legal target.)                                          *)
(* The driver holds its state mutex through the whole SET ioctl             *)
(* (mlx5vf_pci_set_device_state with mvdev->state_mutex and                 *)
(* mlx5vf_state_mutex_unlock;                                               *)
(* hisi_acc_vfio_pci_set_device_state with hisi_acc_vf_state_mutex_unlock;  *)
(* pds_vfio_set_device_state with pds_vfio_state_mutex_unlock): the core's  *)
(* vfio_ioctl_device_feature_mig_device_state calls migration_set_state     *)
(* without a lock of its own, so a second SET (another thread of the user)  *)
(* waits for that mutex: Unlocked.  SetNotSerialised is a driver whose SET  *)
(* path does not take it.                                                   *)
SetRequest(t) ==
  /\ Unlocked \/ "SetNotSerialised" \in FsmDefects
  /\ ioctl_count < MaxOps
  /\ ioctl_count' = ioctl_count + 1
  /\ set_target' = t
  /\ path' = <<device_state>>
  /\ returned_fd' = -1
  /\ set_result' = IF t = device_state /\ t # "ERROR" THEN "OK" ELSE "PENDING"
  /\ action' = [tag |-> "SetRequest", target |-> t]
  /\ UNCHANGED <<flags, device_state, fd_count, live_fds, session, initial_bytes,
                 dirty_bytes, precopy_read, dirty_made, stop_copy_bytes, fd_result, resuming_fds>>
  /\ UNCHANGED concVars

NextState == KernelNextTbl[flags][device_state][set_target]

\* Entering the saving group from outside: a fresh session with the initial image.
StartSaving(to) ==
  /\ initial_bytes' = IF to = "STOP_COPY" THEN 0 ELSE InitialSize
  /\ dirty_bytes' = 0 /\ precopy_read' = 0 /\ dirty_made' = 0
  /\ stop_copy_bytes' = IF to = "STOP_COPY" THEN InitialSize ELSE 0

\* The arc PRE_COPY(_P2P) -> STOP_COPY issues the final SAVE; the driver
\* first waits for the incremental SAVE in flight (migf->save_comp in
\* mlx5vf_cmd_save_vhca_state, the K6 fix); ConcurrentSave does not wait.
SaveSlotFree(n) ==
  \/ ~(device_state \in PreCopyStates /\ n = "STOP_COPY")
  \/ ~save_inflight
  \/ "ConcurrentSave" \in FsmDefects

\* The effect of one successful arc device_state -> n on everything but the
\* reply; ResetRacesArc reuses it and then overrides what the reset changed.
ArcEffect(n) ==
  LET opens == OpensSession(device_state, n)
      newFd == fd_count + 1
      \* Leaving a session disables its fd, unless the driver forgets to.
      keepOld == /\ "SavingFdNotDisabled" \in Defects
                 /\ device_state \in SavingGroup /\ n \notin SavingGroup
      ends == \/ opens
              \/ device_state \in SavingGroup /\ n \notin SavingGroup
              \/ device_state = "RESUMING" /\ n # "RESUMING"
  IN /\ device_state' = n
     /\ path' = AppendPath(n)
     /\ fd_count' = IF opens THEN newFd ELSE fd_count
     /\ live_fds' = (IF ends /\ ~keepOld THEN {} ELSE live_fds)
                    \cup (IF opens THEN {newFd} ELSE {})
     /\ resuming_fds' = IF opens /\ n = "RESUMING" THEN resuming_fds \cup {newFd}
                                                 ELSE resuming_fds
     /\ session' = CASE n \in SavingGroup -> "SAVING"
                     [] n = "RESUMING"   -> "RESUMING"
                     [] OTHER            -> "NONE"
     /\ IF opens /\ n \in SavingGroup /\ device_state \notin SavingGroup
          THEN StartSaving(n) /\ ClearSave
        ELSE IF n = "STOP_COPY" /\ device_state \in SavingGroup \ {"STOP_COPY"}
          \* same session: the final state (which includes the increment not
          \* yet saved) is appended after what is unread
          THEN /\ stop_copy_bytes' = initial_bytes + dirty_bytes + 1
               /\ ClearPrecopy
               /\ dirty_pending' = 0 /\ UNCHANGED save_inflight
        ELSE IF n \notin SavingGroup
          THEN /\ ClearPrecopy /\ stop_copy_bytes' = 0 /\ ClearSave
        ELSE UNCHANGED <<initial_bytes, dirty_bytes, precopy_read, dirty_made,
                         stop_copy_bytes, dirty_pending, save_inflight>>

\* One iteration of the driver loop: the arc device_state -> n succeeds.
SetStep ==
  /\ Pending
  /\ NextState \in States
  /\ SaveSlotFree(NextState)
  /\ ArcEffect(NextState)
  /\ IF NextState = set_target
       THEN /\ set_result' = "OK"
            /\ returned_fd' = IF OpensSession(device_state, NextState) THEN fd_count + 1 ELSE -1
       ELSE UNCHANGED <<set_result, returned_fd>>
  /\ action' = [tag |-> "SetStep"]
  /\ UNCHANGED <<flags, set_target, ioctl_count, fd_result, reset_deferred>>

\* vfio_mig_get_next_state returned -EINVAL: the SET fails, nothing moved.
SetReject ==
  /\ Pending
  /\ NextState = "EINVAL"
  /\ set_result' = "EINVAL"
  /\ action' = [tag |-> "SetReject"]
  /\ UNCHANGED <<flags, device_state, set_target, path, returned_fd, fd_count,
                 live_fds, session, initial_bytes, dirty_bytes, precopy_read,
                 dirty_made, stop_copy_bytes, fd_result, ioctl_count, resuming_fds>>
  /\ UNCHANGED concVars

\* The arc device_state -> n fails.  The driver stops its loop: the device
\* stays in the last state reached (mlx5) or goes to ERROR (pds); the reply
\* carries data_fd = -1 and an errno.  ERROR has no session.
SetStepFails(outcome) ==
  /\ ArcsMayFail
  /\ Pending
  /\ NextState \in States
  /\ set_result' = "EIO"
  /\ IF outcome = "ERROR"
       THEN /\ device_state' = "ERROR"
            /\ path' = AppendPath("ERROR")
            /\ live_fds' = {} /\ session' = "NONE"
            /\ ClearPrecopy /\ stop_copy_bytes' = 0 /\ ClearSave
       ELSE UNCHANGED <<device_state, path, live_fds, session, initial_bytes,
                        dirty_bytes, precopy_read, dirty_made, stop_copy_bytes,
                        dirty_pending, save_inflight>>
  /\ action' = [tag |-> "SetStepFails", outcome |-> outcome]
  /\ UNCHANGED <<flags, set_target, returned_fd, fd_count, fd_result, ioctl_count, resuming_fds,
                 reset_deferred>>

\* vfio_mig_get_next_state never returns (pre-fix skip loop on a blocked arc):
\* the kernel thread spins holding the state mutex; nothing changes.
SkipLoopSpin ==
  /\ Pending
  /\ NextState = "SPIN"
  /\ action' = [tag |-> "SkipLoopSpin"]
  /\ UNCHANGED <<flags, device_state, set_target, set_result, path, returned_fd,
                 fd_count, live_fds, session, initial_bytes, dirty_bytes,
                 precopy_read, dirty_made, stop_copy_bytes, fd_result, ioctl_count, resuming_fds>>
  /\ UNCHANGED concVars

\* VFIO_DEVICE_RESET (or an FLR the PCI core does): back to RUNNING, every
\* session ends.  With no SET in progress it is applied at once.
Reset ==
  /\ Unlocked
  /\ ioctl_count < MaxOps
  /\ ioctl_count' = ioctl_count + 1
  /\ device_state' = "RUNNING"
  /\ IF "ResetKeepsSession" \in Defects
       THEN UNCHANGED <<live_fds, session, initial_bytes, dirty_bytes, precopy_read,
                        dirty_made, stop_copy_bytes>>
       ELSE /\ live_fds' = {} /\ session' = "NONE"
            /\ ClearPrecopy /\ stop_copy_bytes' = 0
  /\ ClearSave
  \* the reply of the last SET is history now
  /\ set_target' = "NONE" /\ set_result' = "NONE" /\ path' = <<>> /\ returned_fd' = -1
  /\ action' = [tag |-> "Reset"]
  /\ UNCHANGED <<flags, fd_count, fd_result, resuming_fds, reset_deferred>>

\* A reset while a SET holds the state mutex, DeferredReset = TRUE
\* (mlx5vf_pci_aer_reset_done: deferred_reset = true, the trylock fails):
\* recorded only; the SET's remaining arcs run on.
ResetDeferred ==
  /\ DeferredReset
  /\ Pending
  /\ ioctl_count < MaxOps
  /\ ioctl_count' = ioctl_count + 1
  /\ reset_deferred' = TRUE
  /\ action' = [tag |-> "ResetDeferred"]
  /\ UNCHANGED <<flags, device_state, set_target, set_result, path, returned_fd,
                 fd_count, live_fds, session, initial_bytes, dirty_bytes, precopy_read,
                 dirty_made, stop_copy_bytes, fd_result, resuming_fds, dirty_pending,
                 save_inflight>>

\* The SET has ended and releases the state mutex (mlx5vf_state_mutex_unlock):
\* the recorded reset is applied before the ioctl returns, as a reset right
\* after the SET: RUNNING, fds disabled, the SET's reply is history.  With
\* DeferredResetDropped the unlock clears the record and applies nothing.
DeferredResetApplied ==
  /\ ~Pending
  /\ reset_deferred
  /\ reset_deferred' = FALSE
  /\ IF "DeferredResetDropped" \in FsmDefects
       THEN UNCHANGED <<device_state, live_fds, session, initial_bytes, dirty_bytes,
                        precopy_read, dirty_made, stop_copy_bytes, dirty_pending,
                        save_inflight>>
       ELSE /\ device_state' = "RUNNING"
            /\ live_fds' = {} /\ session' = "NONE"
            /\ ClearPrecopy /\ stop_copy_bytes' = 0 /\ ClearSave
  /\ set_target' = "NONE" /\ set_result' = "NONE" /\ path' = <<>> /\ returned_fd' = -1
  /\ action' = [tag |-> "DeferredResetApplied"]
  /\ UNCHANGED <<flags, fd_count, fd_result, resuming_fds, ioctl_count>>

\* A reset while a SET is inside the arc device_state -> n, DeferredReset =
\* FALSE: the reset's bookkeeping runs at once (mig_state = RUNNING, fds
\* disabled, the increment dropped) after the arc did its work and before
\* the loop records mig_state = n, which it then does: the last write wins.
ResetRacesArc ==
  /\ ~DeferredReset
  /\ Pending
  /\ ioctl_count < MaxOps
  /\ NextState \in States
  /\ ioctl_count' = ioctl_count + 1
  /\ LET n == NextState
      IN /\ device_state' = n
         /\ path' = AppendPath(n)
         /\ fd_count' = IF OpensSession(device_state, n) THEN fd_count + 1 ELSE fd_count
         /\ resuming_fds' = IF OpensSession(device_state, n) /\ n = "RESUMING"
                              THEN resuming_fds \cup {fd_count + 1} ELSE resuming_fds
         /\ live_fds' = {} /\ session' = "NONE"
         /\ ClearPrecopy /\ stop_copy_bytes' = 0 /\ ClearSave
         /\ IF n = set_target
              THEN /\ set_result' = "OK"
                   /\ returned_fd' = IF OpensSession(device_state, n) THEN fd_count + 1 ELSE -1
              ELSE UNCHANGED <<set_result, returned_fd>>
  /\ action' = [tag |-> "ResetRacesArc"]
  /\ UNCHANGED <<flags, set_target, fd_result, reset_deferred>>

-----------------------------------------------------------------------------
(* data_fd: read() and VFIO_MIG_GET_PRECOPY_INFO on an fd the user holds.   *)

Readable(fd) == fd \in live_fds /\ session = "SAVING"

\* read(): one byte (an abstract chunk) per call.  In PRE_COPY(_P2P) the
\* initial image comes first, then dirty data; with neither left the end is
\* temporary: -ENOMSG.  In STOP_COPY the end is permanent: 0 forever.  A
\* resuming fd is opened O_WRONLY (anon_inode_getfile in the drivers), so
\* read() on it fails in the VFS with -EBADF before the driver is asked,
\* whether its session is live or ended; -ENODEV is the driver's answer on
\* a disabled saving fd.
ReadData(fd) ==
  /\ Unlocked \/ (Pending /\ ReadsDuringSet)
  /\ fd \in 1..fd_count
  /\ IF fd \in resuming_fds
       THEN /\ fd_result' = "EBADF"
            /\ UNCHANGED <<initial_bytes, dirty_bytes, precopy_read, stop_copy_bytes>>
     ELSE IF ~Readable(fd)
       THEN /\ fd_result' = IF fd \in live_fds THEN "EINVAL" ELSE "ENODEV"
            /\ UNCHANGED <<initial_bytes, dirty_bytes, precopy_read, stop_copy_bytes>>
     ELSE IF device_state = "STOP_COPY"
       THEN IF stop_copy_bytes > 0
              THEN /\ fd_result' = "DATA"
                   /\ stop_copy_bytes' = stop_copy_bytes - 1
                   /\ UNCHANGED <<initial_bytes, dirty_bytes, precopy_read>>
              ELSE /\ fd_result' = "EOF"
                   /\ UNCHANGED <<initial_bytes, dirty_bytes, precopy_read, stop_copy_bytes>>
     ELSE IF initial_bytes > 0
       THEN /\ fd_result' = "DATA"
            /\ initial_bytes' = initial_bytes - 1
            /\ precopy_read' = precopy_read + 1
            /\ UNCHANGED <<dirty_bytes, stop_copy_bytes>>
     ELSE IF dirty_bytes > 0
       THEN /\ fd_result' = "DATA"
            /\ dirty_bytes' = dirty_bytes - 1
            /\ precopy_read' = precopy_read + 1
            /\ UNCHANGED <<initial_bytes, stop_copy_bytes>>
     ELSE /\ fd_result' = IF "EofAtTemporaryEnd" \in Defects THEN "EOF" ELSE "ENOMSG"
          /\ UNCHANGED <<initial_bytes, dirty_bytes, precopy_read, stop_copy_bytes>>
  /\ action' = [tag |-> "ReadData", fd |-> fd]
  /\ UNCHANGED <<flags, device_state, set_target, set_result, path, returned_fd,
                 fd_count, live_fds, session, dirty_made, ioctl_count, resuming_fds>>
  /\ UNCHANGED concVars

\* VFIO_MIG_GET_PRECOPY_INFO (mlx5vf_precopy_ioctl, mtty_precopy_ioctl): the
\* driver checks the device state first: outside PRE_COPY(_P2P) -EINVAL,
\* whether the fd is live or disabled; in PRE_COPY(_P2P) a disabled fd (an
\* ended session's) is -ENODEV.  A resuming fd never answers it (mlx5's
\* resume fops have no ioctl: -ENOTTY; "EINVAL" here: not valid on this fd).
\* With AsyncSave, an answer on a live fd with nothing queued and an
\* increment on the device starts the incremental SAVE (mlx5: "end_of_data
\* && inc_length"), unless one is in flight (since K6 the driver would wait
\* for it; the model lets the ioctl start none: the one in flight carries it).
PrecopyInfo(fd) ==
  /\ Unlocked \/ (Pending /\ InfoDuringSet)
  /\ fd \in 1..fd_count
  /\ fd_result' = CASE fd \in resuming_fds                           -> "EINVAL"
                    [] device_state \notin {"PRE_COPY", "PRE_COPY_P2P"} -> "EINVAL"
                    [] fd \notin live_fds                               -> "ENODEV"
                    [] ReportedInitial + ReportedDirty = 0              -> "INFO_END"
                    [] OTHER                                            -> "INFO"
  /\ save_inflight' = \/ save_inflight
                      \/ /\ AsyncSave /\ fd_result' \in {"INFO", "INFO_END"}
                         /\ initial_bytes = 0 /\ dirty_bytes = 0 /\ dirty_pending > 0
  /\ action' = [tag |-> "PrecopyInfo", fd |-> fd]
  /\ UNCHANGED <<flags, device_state, set_target, set_result, path, returned_fd,
                 fd_count, live_fds, session, initial_bytes, dirty_bytes, precopy_read,
                 dirty_made, stop_copy_bytes, ioctl_count, resuming_fds, reset_deferred,
                 dirty_pending>>

\* The SAVE command completes (mlx5vf_save_callback): the increment is
\* queued on the fd as dirty data.  In STOP_COPY (only with ConcurrentSave)
\* its data lands after the final image.
SaveDone ==
  /\ save_inflight
  /\ save_inflight' = FALSE
  /\ IF device_state \in PreCopyStates
       THEN /\ dirty_bytes' = dirty_bytes + dirty_pending /\ dirty_pending' = 0
       ELSE UNCHANGED <<dirty_bytes, dirty_pending>>
  /\ action' = [tag |-> "SaveDone"]
  /\ UNCHANGED <<flags, device_state, set_target, set_result, path, returned_fd,
                 fd_count, live_fds, session, initial_bytes, precopy_read,
                 dirty_made, stop_copy_bytes, fd_result, ioctl_count, resuming_fds,
                 reset_deferred>>

\* The device works (DMA, interrupts, internal state changes): an environment
\* action, enabled in every state in which the device model lets the device
\* work, with or without a session.  vfio.h says RUNNING, RUNNING_P2P,
\* PRE_COPY and PRE_COPY_P2P are the only states in which it may; the
\* defects are devices that do not stop.  dirty_made counts the changes since
\* the device last entered a quiescent state or a new session started (every
\* arc into STOP, STOP_COPY, RESUMING or ERROR and every reset zeroes it).
\* While a saving session is in PRE_COPY(_P2P) the changes become dirty data.
DeviceMayChange(s) ==
  \/ s \in ActiveStates
  \/ "DmaInStopCopy" \in Defects /\ s = "STOP_COPY"
  \/ "BusyWhenStopped" \in Defects /\ s \in {"STOP", "RESUMING"}

DeviceActivity ==
  /\ DeviceMayChange(device_state)
  /\ dirty_made < MaxDirty
  /\ dirty_made' = dirty_made + 1
  /\ IF session = "SAVING" /\ device_state \in PreCopyStates
       THEN IF AsyncSave
              THEN dirty_pending' = dirty_pending + 1 /\ UNCHANGED dirty_bytes
              ELSE dirty_bytes' = dirty_bytes + 1 /\ UNCHANGED dirty_pending
       \* in STOP_COPY the change never reaches the stream
       ELSE UNCHANGED <<dirty_bytes, dirty_pending>>
  /\ action' = [tag |-> "DeviceActivity"]
  /\ UNCHANGED <<flags, device_state, set_target, set_result, path, returned_fd,
                 fd_count, live_fds, session, initial_bytes, precopy_read, stop_copy_bytes,
                 fd_result, ioctl_count, resuming_fds, reset_deferred, save_inflight>>

\* End of the run (budget spent, no request in flight): a terminal stutter so
\* that finished behaviours are not reported as deadlocks.
Done ==
  /\ Unlocked
  /\ ioctl_count = MaxOps
  /\ action' = [tag |-> "Done"]
  /\ UNCHANGED <<flags, device_state, set_target, set_result, path, returned_fd,
                 fd_count, live_fds, session, initial_bytes, dirty_bytes, precopy_read,
                 dirty_made, stop_copy_bytes, fd_result, ioctl_count, resuming_fds>>
  /\ UNCHANGED concVars

Next ==
  \/ \E t \in Targets : SetRequest(t)
  \/ SetStep
  \/ SetReject
  \/ \E o \in FailOutcomes : SetStepFails(o)
  \/ SkipLoopSpin
  \/ Reset
  \/ ResetDeferred
  \/ DeferredResetApplied
  \/ ResetRacesArc
  \/ SaveDone
  \/ \E fd \in FdIds : ReadData(fd)
  \/ \E fd \in FdIds : PrecopyInfo(fd)
  \/ DeviceActivity
  \/ Done

\* The kernel finishes what it started: weak fairness on the driver loop's
\* successful steps, the unlock and the firmware's SAVE completion.
\* Failures are not fair (a fair failure would let a spinning loop
\* "terminate" by failing).
Spec == Init /\ [][Next]_vars /\ WF_vars(SetStep) /\ WF_vars(SetReject)
                /\ WF_vars(DeferredResetApplied) /\ WF_vars(SaveDone)

-----------------------------------------------------------------------------
(* Invariants, in plain words.                                              *)

TypeOK ==
  /\ flags \in FlagSets
  /\ device_state \in States
  /\ set_target \in Targets \cup {"NONE"}
  /\ set_result \in {"NONE", "PENDING", "OK", "EINVAL", "EIO"}
  /\ path \in Seq(States) /\ Len(path) <= MaxPath
  /\ returned_fd \in {-1} \cup FdIds
  /\ fd_count \in 0..MaxOps
  /\ live_fds \subseteq 1..fd_count
  /\ session \in {"NONE", "SAVING", "RESUMING"}
  /\ initial_bytes \in 0..InitialSize
  /\ dirty_bytes \in 0..MaxDirty
  /\ precopy_read \in 0..(InitialSize + MaxDirty)
  /\ dirty_made \in 0..MaxDirty
  /\ stop_copy_bytes \in 0..(InitialSize + MaxDirty + 1)
  /\ fd_result \in FdResults
  /\ resuming_fds \subseteq 1..fd_count
  /\ ioctl_count \in 0..MaxOps
  /\ reset_deferred \in BOOLEAN
  /\ dirty_pending \in 0..MaxDirty
  /\ save_inflight \in BOOLEAN

\* The device only ever sits in a state its flags advertise, or in ERROR.
StateSupported == device_state \in SupportedStates(flags) \cup {"ERROR"}

\* Every arc the driver took is a direct arc of vfio.h for the advertised
\* flags (a failed arc into ERROR is the only exception: ERROR is no arc).
StepIsDirectArc ==
  \A i \in 1..(Len(path) - 1) :
    \/ <<path[i], path[i + 1]>> \in DirectArcs(flags)
    \/ path[i + 1] = "ERROR" /\ i + 1 = Len(path) /\ set_result = "EIO"

\* "The path cannot have saving group states as interior arcs": a SET that
\* starts outside PRE_COPY/PRE_COPY_P2P/STOP_COPY only enters the group on its
\* last arc, so a saving session is never opened and abandoned inside one SET.
NoSavingInterior ==
  Len(path) > 0 /\ path[1] \notin SavingGroup =>
    \A i \in 2..(Len(path) - 1) : path[i] \notin SavingGroup

\* Termination: every request takes at most four arcs (PRE_COPY -> ... ->
\* RESUMING and back are the longest) or is rejected.
RequestBounded == Len(path) <= 5

\* vfio_mig_get_next_state returns (its skip loop ends) for every request.
SkipLoopTerminates == Pending => NextState # "SPIN"

\* The reply is what the reference's oracle says: on success the device is in
\* the target and a new data_fd came back iff a session started; on -EINVAL
\* nothing moved; on another error the device is somewhere on the path or in
\* ERROR, and no fd came back.
ResultOracle ==
  /\ set_result = "OK" =>
       /\ device_state = set_target
       /\ (returned_fd # -1 <=> NewFdRule(path[1], set_target))
  /\ set_result = "EINVAL" => Len(path) = 1 /\ device_state = path[1] /\ returned_fd = -1
  /\ set_result = "EIO" =>
       /\ device_state \in {path[i] : i \in 1..Len(path)} \cup {"ERROR"}
       /\ returned_fd = -1

\* ERROR is never a legal target: no SET to ERROR (or out of range, or to a
\* state the flags lack) ever succeeds, and no successful arc enters ERROR.
\* Such a request is rejected before any arc: vfio_mig_get_next_state checks
\* the target against state_flags_table and returns -EINVAL, so the SET
\* answers EINVAL (never EIO) and the device has not moved.
ErrorNeverTarget ==
  /\ set_result = "OK" => set_target \in SupportedStates(flags)
  /\ set_target \in Targets \ SupportedStates(flags) /\ set_result \in {"EINVAL", "EIO"} =>
       set_result = "EINVAL" /\ device_state = path[1]
  /\ action.tag = "SetStep" => device_state # "ERROR"

\* One live session at most, and it matches the state: a saving session
\* exactly in PRE_COPY, PRE_COPY_P2P, STOP_COPY (all three share it), a
\* resuming session exactly in RESUMING, and no live fd otherwise.  The live
\* fd has its session's direction: a resuming session's fd is one that
\* STOP -> RESUMING returned, which the drivers open write-only (mlx5vf_pci_
\* resume_device_data: anon_inode_getfile(..., O_WRONLY); hisi_acc_vf_pci_
\* resume), a saving session's fd is none of those (opened O_RDONLY).
SingleSession ==
  /\ Cardinality(live_fds) <= 1
  /\ (session = "SAVING") <=> (device_state \in SavingGroup)
  /\ (session = "RESUMING") <=> (device_state = "RESUMING")
  /\ (session = "NONE") <=> (live_fds = {})
  /\ session = "RESUMING" => live_fds \subseteq resuming_fds
  /\ session = "SAVING" => live_fds \cap resuming_fds = {}

\* A new data_fd appears exactly when a saving or resuming session starts,
\* and it is the newest fd: moves inside the saving group keep the same fd.
FdOnlyOnSessionStart ==
  returned_fd # -1 => /\ returned_fd = fd_count
                      /\ live_fds = {returned_fd}
                      /\ NewFdRule(path[1], set_target)

\* Precopy estimates: what vfio.h promises about VFIO_MIG_GET_PRECOPY_INFO.
\* The values are estimates: they need not equal what the reads will
\* produce (a driver may report more, e.g. an increment not yet saved, or
\* less, e.g. one chunk of several: K2), nor relate to the STOP_COPY size.
\* The promise is about the temporary end of the stream: it "is reached
\* when both initial_bytes and dirty_bytes are zero", so an answer of 0 and
\* 0 means no byte is readable (the next read() returns -ENOMSG; the reverse
\* direction is ReadEndSemantics).  And nothing is made readable that the
\* device did not produce: in PRE_COPY(_P2P) the readable bytes never exceed
\* the initial image plus the device's changes minus what was read.
PrecopyEstimates ==
  /\ action.tag = "PrecopyInfo" /\ fd_result = "INFO_END" =>
       initial_bytes = 0 /\ dirty_bytes = 0
  /\ device_state \in PreCopyStates /\ session = "SAVING" =>
       initial_bytes + dirty_bytes + precopy_read <= InitialSize + dirty_made

\* Nothing the device did is lost from the saving stream.  vfio.h: the
\* initial_bytes "should have a non-zero initial value and decrease as
\* migration data is read", dirty_bytes "tracks device state changes relative
\* to data previously retrieved", and "End of stream on the FD indicates the
\* entire device state has been transferred".  So in PRE_COPY(_P2P) of a
\* saving session every unit of the initial image and every change the device
\* made since the session started is accounted for: read already, readable
\* (initial_bytes, dirty_bytes: the bytes read() still returns), or held by
\* the driver for its next SAVE (dirty_pending, mlx5's increment).
\* PrecopyEstimates bounds the readable bytes from above; this is the other
\* direction (no change dropped, no initial image missing).
NoChangeLost ==
  device_state \in PreCopyStates /\ session = "SAVING" =>
    precopy_read + initial_bytes + dirty_bytes + dirty_pending = InitialSize + dirty_made

\* K6: one SAVE command at a time.  An incremental SAVE the precopy ioctl
\* started is never outstanding once the arc into STOP_COPY has issued the
\* final SAVE (mlx5's fix makes that SAVE wait on migf->save_comp).
OneSaveAtATime == save_inflight => device_state \in PreCopyStates

\* End of stream: -ENOMSG only in PRE_COPY(_P2P) with both estimates 0 (a
\* temporary end); read() == 0 only in STOP_COPY once everything was read (a
\* permanent end); the precopy ioctl answers only in PRE_COPY(_P2P).  And
\* on the live fd of the saving session the stream ends only there: read()
\* returns data or one of those two ends, never an error (vfio.h: in the
\* saving group "the migration data will flow over the FD using read()";
\* mlx5vf_save_read fails only on a disabled fd, -ENODEV), and in
\* PRE_COPY(_P2P) the precopy ioctl answers ("Support for this ioctl is
\* mandatory if a driver claims to support VFIO_MIGRATION_PRE_COPY").
ReadEndSemantics ==
  /\ action.tag = "ReadData" /\ session = "SAVING" /\ action.fd \in live_fds =>
       fd_result \in {"DATA", "ENOMSG", "EOF"}
  /\ action.tag = "PrecopyInfo" /\ session = "SAVING" /\ action.fd \in live_fds
       /\ device_state \in PreCopyStates =>
       fd_result \in {"INFO", "INFO_END"}
  /\ action.tag = "ReadData" /\ fd_result = "ENOMSG" =>
       device_state \in {"PRE_COPY", "PRE_COPY_P2P"} /\ initial_bytes = 0 /\ dirty_bytes = 0
  /\ action.tag = "ReadData" /\ fd_result = "EOF" =>
       device_state = "STOP_COPY" /\ stop_copy_bytes = 0
  \* ... and the permanent end comes after the device's state: STOP_COPY "The
  \* device internal state can be read out", "End of stream on the FD
  \* indicates the entire device state has been transferred".  Right after the
  \* arc into STOP_COPY the stream still holds the stopped device's final
  \* state; a session that starts there (STOP -> STOP_COPY, nothing read
  \* before) holds the whole image.
  /\ action.tag = "SetStep" /\ device_state = "STOP_COPY" /\ Len(path) >= 2 =>
       stop_copy_bytes >= IF path[Len(path) - 1] = "STOP" THEN InitialSize ELSE 1
  /\ action.tag = "PrecopyInfo" /\ fd_result \in {"INFO", "INFO_END"} =>
       device_state \in {"PRE_COPY", "PRE_COPY_P2P"}

\* Quiescence: in STOP, STOP_COPY, RESUMING (and ERROR) the device does no
\* DMA, raises no interrupt and its internal state does not change: it has
\* made no change since it entered that state (a state property, seen in every
\* later step, not only in the activity step).
Quiescence == device_state \notin ActiveStates => dirty_made = 0

\* Reset returns the device to RUNNING and ends every session, whether it
\* is applied at once or at the unlock of the SET it found in progress.
ResetSemantics ==
  action.tag \in {"Reset", "DeferredResetApplied"} =>
    device_state = "RUNNING" /\ session = "NONE" /\ live_fds = {}

-----------------------------------------------------------------------------
(* Liveness: every SET returns (needs the weak fairness of Spec).  vfio.h:  *)
(* "The kernel migration driver must fully transition the device to the new *)
(* state value before the operation returns to the user"; the ioctl returns *)
(* 0 or an errno.  A SET in progress, and a SET the user issued (set_target *)
(* recorded until a reset makes its reply history), is answered: OK, EINVAL *)
(* or EIO.  (Stronger than "a SET in progress ends": a request that never   *)
(* starts its loop, or whose loop is abandoned without a reply, is not      *)
(* answered either.)                                                        *)
SetReturns == (Pending \/ set_target # "NONE") ~> set_result \in {"OK", "EINVAL", "EIO"}

\* SETs are serialised (the state mutex above): a SET begins only after the
\* previous SET's ioctl has returned, that is its loop has ended with a
\* reply (set_result is no longer PENDING) and the unlock has applied any
\* reset deferred to it.  So no SET's walk is abandoned half-way without a
\* reply, and no walk starts from a state another walk is passing through.
\* (An action property: the state holds one SET at a time, so two SETs in
\* progress at once cannot be stated as an invariant.)
SetsSerialised ==
  [][action'.tag = "SetRequest" => set_result # "PENDING" /\ ~reset_deferred]_vars

=============================================================================
