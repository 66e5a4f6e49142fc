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
(***************************************************************************)
EXTENDS VfioArcs

CONSTANTS
  FlagSets,      \* advertised VFIO_DEVICE_FEATURE_MIGRATION flags a behaviour may start with
  InitialSize,   \* bytes of the initial pre-copy image (initial_bytes at session start)
  MaxDirty,      \* bytes the running device may dirty during one saving session
  MaxOps,        \* SET + RESET ioctls per behaviour (bounds the fd numbers)
  ArcsMayFail    \* TRUE: a driver arc may fail (device stays on the path or goes to ERROR)

ASSUME FlagSets \subseteq {1, 3, 5, 7}
ASSUME InitialSize \in 1..4 /\ MaxDirty \in 0..4 /\ MaxOps \in 1..8
ASSUME ArcsMayFail \in BOOLEAN

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
  initial_bytes,   \* vfio_precopy_info.initial_bytes (the driver's value)
  dirty_bytes,     \* vfio_precopy_info.dirty_bytes (the driver's value)
  precopy_read,    \* bytes read from the saving fd in PRE_COPY(_P2P) this session
  dirty_made,      \* changes the device made since it last quiesced or a session started
  stop_copy_bytes, \* bytes left before read() returns 0 in STOP_COPY
  fd_result,       \* result of the last read()/precopy ioctl on a data fd
  ioctl_count,     \* SET + RESET ioctls issued (bounded by MaxOps)
  resuming_fds     \* fds returned by STOP -> RESUMING (opened O_WRONLY by the driver)

vars == <<action, flags, device_state, set_target, set_result, path, returned_fd,
          fd_count, live_fds, session, initial_bytes, dirty_bytes, precopy_read,
          dirty_made, stop_copy_bytes, fd_result, ioctl_count, resuming_fds>>

FdIds == 1..MaxOps
FailOutcomes == {"STAY", "ERROR"}
FdResults == {"NONE", "DATA", "ENOMSG", "EOF", "ENODEV", "EINVAL", "EBADF", "INFO"}
Pending == set_result = "PENDING"
MaxPath == 6   \* path is saturated here: 5 states = 4 arcs is the legal maximum

AppendPath(s) == IF Len(path) < MaxPath THEN Append(path, s) ELSE path

ClearPrecopy ==
  /\ initial_bytes' = 0 /\ dirty_bytes' = 0
  /\ precopy_read' = 0 /\ dirty_made' = 0

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

-----------------------------------------------------------------------------
(* User: VFIO_DEVICE_FEATURE_SET | MIG_DEVICE_STATE with any target.        *)
(* A SET to the current state is a successful no-op without an fd.  (In     *)
(* ERROR the kernel helper WARNs and rejects; pds returns -EIO.  mlx5's     *)
(* loop would treat SET(ERROR) in ERROR as a no-op; we follow the uAPI:     *)
(* ERROR is never a legal target.)                                          *)
SetRequest(t) ==
  /\ ~Pending
  /\ ioctl_count < MaxOps
  /\ ioctl_count' = ioctl_count + 1
  /\ set_target' = t
  /\ path' = <<device_state>>
  /\ returned_fd' = -1
  /\ set_result' = IF t = device_state /\ t # "ERROR" THEN "OK" ELSE "PENDING"
  /\ action' = [tag |-> "SetRequest", target |-> t]
  /\ UNCHANGED <<flags, device_state, fd_count, live_fds, session, initial_bytes,
                 dirty_bytes, precopy_read, dirty_made, stop_copy_bytes, fd_result, resuming_fds>>

NextState == KernelNextTbl[flags][device_state][set_target]

\* Entering the saving group from outside: a fresh session with the initial image.
StartSaving(to) ==
  /\ initial_bytes' = IF to = "STOP_COPY" THEN 0 ELSE InitialSize
  /\ dirty_bytes' = 0 /\ precopy_read' = 0 /\ dirty_made' = 0
  /\ stop_copy_bytes' = IF to = "STOP_COPY" THEN InitialSize ELSE 0

\* One iteration of the driver loop: the arc device_state -> n succeeds.
SetStep ==
  /\ Pending
  /\ NextState \in States
  /\ LET n == NextState
         opens == OpensSession(device_state, n)
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
        /\ IF n = set_target
             THEN /\ set_result' = "OK"
                  /\ returned_fd' = IF opens THEN newFd ELSE -1
             ELSE UNCHANGED <<set_result, returned_fd>>
        /\ IF opens /\ n \in SavingGroup /\ device_state \notin SavingGroup
             THEN StartSaving(n)
           ELSE IF n = "STOP_COPY" /\ device_state \in SavingGroup \ {"STOP_COPY"}
             \* same session: the final state is appended after what is unread
             THEN /\ stop_copy_bytes' = initial_bytes + dirty_bytes + 1
                  /\ ClearPrecopy
           ELSE IF n \notin SavingGroup
             THEN /\ ClearPrecopy /\ stop_copy_bytes' = 0
           ELSE UNCHANGED <<initial_bytes, dirty_bytes, precopy_read, dirty_made,
                            stop_copy_bytes>>
  /\ action' = [tag |-> "SetStep"]
  /\ UNCHANGED <<flags, set_target, ioctl_count, fd_result>>

\* vfio_mig_get_next_state returned -EINVAL: the SET fails, nothing moved.
SetReject ==
  /\ Pending
  /\ NextState = "EINVAL"
  /\ set_result' = "EINVAL"
  /\ action' = [tag |-> "SetReject"]
  /\ UNCHANGED <<flags, device_state, set_target, path, returned_fd, fd_count,
                 live_fds, session, initial_bytes, dirty_bytes, precopy_read,
                 dirty_made, stop_copy_bytes, fd_result, ioctl_count, resuming_fds>>

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
            /\ ClearPrecopy /\ stop_copy_bytes' = 0
       ELSE UNCHANGED <<device_state, path, live_fds, session, initial_bytes,
                        dirty_bytes, precopy_read, dirty_made, stop_copy_bytes>>
  /\ action' = [tag |-> "SetStepFails", outcome |-> outcome]
  /\ UNCHANGED <<flags, set_target, returned_fd, fd_count, fd_result, ioctl_count, resuming_fds>>

\* vfio_mig_get_next_state never returns (pre-fix skip loop on a blocked arc):
\* the kernel thread spins holding the state mutex; nothing changes.
SkipLoopSpin ==
  /\ Pending
  /\ NextState = "SPIN"
  /\ action' = [tag |-> "SkipLoopSpin"]
  /\ UNCHANGED <<flags, device_state, set_target, set_result, path, returned_fd,
                 fd_count, live_fds, session, initial_bytes, dirty_bytes,
                 precopy_read, dirty_made, stop_copy_bytes, fd_result, ioctl_count, resuming_fds>>

\* VFIO_DEVICE_RESET: back to RUNNING, every session ends (deferred reset in
\* mlx5/mtty/pds).  It takes the state mutex, so it never interleaves a SET.
Reset ==
  /\ ~Pending
  /\ ioctl_count < MaxOps
  /\ ioctl_count' = ioctl_count + 1
  /\ device_state' = "RUNNING"
  /\ IF "ResetKeepsSession" \in Defects
       THEN UNCHANGED <<live_fds, session, initial_bytes, dirty_bytes, precopy_read,
                        dirty_made, stop_copy_bytes>>
       ELSE /\ live_fds' = {} /\ session' = "NONE"
            /\ ClearPrecopy /\ stop_copy_bytes' = 0
  \* the reply of the last SET is history now
  /\ set_target' = "NONE" /\ set_result' = "NONE" /\ path' = <<>> /\ returned_fd' = -1
  /\ action' = [tag |-> "Reset"]
  /\ UNCHANGED <<flags, fd_count, fd_result, resuming_fds>>

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
  /\ ~Pending
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

\* VFIO_MIG_GET_PRECOPY_INFO (mlx5vf_precopy_ioctl, mtty_precopy_ioctl): the
\* driver checks the device state first: outside PRE_COPY(_P2P) -EINVAL,
\* whether the fd is live or disabled; in PRE_COPY(_P2P) a disabled fd (an
\* ended session's) is -ENODEV.  A resuming fd never answers it (mlx5's
\* resume fops have no ioctl: -ENOTTY; "EINVAL" here: not valid on this fd).
PrecopyInfo(fd) ==
  /\ ~Pending
  /\ fd \in 1..fd_count
  /\ fd_result' = CASE fd \in resuming_fds                           -> "EINVAL"
                    [] device_state \notin {"PRE_COPY", "PRE_COPY_P2P"} -> "EINVAL"
                    [] fd \notin live_fds                               -> "ENODEV"
                    [] OTHER                                            -> "INFO"
  /\ action' = [tag |-> "PrecopyInfo", fd |-> fd]
  /\ UNCHANGED <<flags, device_state, set_target, set_result, path, returned_fd,
                 fd_count, live_fds, session, initial_bytes, dirty_bytes, precopy_read,
                 dirty_made, stop_copy_bytes, ioctl_count, resuming_fds>>

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
  /\ IF session = "SAVING" /\ device_state \in {"PRE_COPY", "PRE_COPY_P2P"}
       THEN dirty_bytes' = IF "DirtyBytesUnderreport" \in Defects
                             THEN 1 ELSE dirty_bytes + 1
       ELSE UNCHANGED dirty_bytes   \* in STOP_COPY the change never reaches the stream
  /\ action' = [tag |-> "DeviceActivity"]
  /\ UNCHANGED <<flags, device_state, set_target, set_result, path, returned_fd,
                 fd_count, live_fds, session, initial_bytes, precopy_read, stop_copy_bytes,
                 fd_result, ioctl_count, resuming_fds>>

\* End of the run (budget spent, no request in flight): a terminal stutter so
\* that finished behaviours are not reported as deadlocks.
Done ==
  /\ ~Pending
  /\ ioctl_count = MaxOps
  /\ action' = [tag |-> "Done"]
  /\ UNCHANGED <<flags, device_state, set_target, set_result, path, returned_fd,
                 fd_count, live_fds, session, initial_bytes, dirty_bytes, precopy_read,
                 dirty_made, stop_copy_bytes, fd_result, ioctl_count, resuming_fds>>

Next ==
  \/ \E t \in Targets : SetRequest(t)
  \/ SetStep
  \/ SetReject
  \/ \E o \in FailOutcomes : SetStepFails(o)
  \/ SkipLoopSpin
  \/ Reset
  \/ \E fd \in FdIds : ReadData(fd)
  \/ \E fd \in FdIds : PrecopyInfo(fd)
  \/ DeviceActivity
  \/ Done

\* The kernel finishes what it started: weak fairness on the driver loop's
\* successful steps.  Failures are not fair (a fair failure would let a
\* spinning loop "terminate" by failing).
Spec == Init /\ [][Next]_vars /\ WF_vars(SetStep) /\ WF_vars(SetReject)

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
ErrorNeverTarget ==
  /\ set_result = "OK" => set_target \in SupportedStates(flags)
  /\ action.tag = "SetStep" => device_state # "ERROR"

\* One live session at most, and it matches the state: a saving session
\* exactly in PRE_COPY, PRE_COPY_P2P, STOP_COPY (all three share it), a
\* resuming session exactly in RESUMING, and no live fd otherwise.
SingleSession ==
  /\ Cardinality(live_fds) <= 1
  /\ (session = "SAVING") <=> (device_state \in SavingGroup)
  /\ (session = "RESUMING") <=> (device_state = "RESUMING")
  /\ (session = "NONE") <=> (live_fds = {})

\* A new data_fd appears exactly when a saving or resuming session starts,
\* and it is the newest fd: moves inside the saving group keep the same fd.
FdOnlyOnSessionStart ==
  returned_fd # -1 => /\ returned_fd = fd_count
                      /\ live_fds = {returned_fd}
                      /\ NewFdRule(path[1], set_target)

\* Precopy accounting: in PRE_COPY(_P2P), initial_bytes + dirty_bytes is
\* exactly what is still to be read: the initial image plus what the device
\* dirtied, minus what was read.  initial_bytes only shrinks (by reads of the
\* initial image) and dirty_bytes grows only with device changes.
PrecopyAccounting ==
  device_state \in {"PRE_COPY", "PRE_COPY_P2P"} =>
    /\ initial_bytes = IF precopy_read >= InitialSize THEN 0
                                                      ELSE InitialSize - precopy_read
    /\ initial_bytes + dirty_bytes + precopy_read = InitialSize + dirty_made

\* End of stream: -ENOMSG only in PRE_COPY(_P2P) with both estimates 0 (a
\* temporary end); read() == 0 only in STOP_COPY once everything was read (a
\* permanent end); the precopy ioctl answers only in PRE_COPY(_P2P).
ReadEndSemantics ==
  /\ action.tag = "ReadData" /\ fd_result = "ENOMSG" =>
       device_state \in {"PRE_COPY", "PRE_COPY_P2P"} /\ initial_bytes = 0 /\ dirty_bytes = 0
  /\ action.tag = "ReadData" /\ fd_result = "EOF" =>
       device_state = "STOP_COPY" /\ stop_copy_bytes = 0
  /\ action.tag = "PrecopyInfo" /\ fd_result = "INFO" =>
       device_state \in {"PRE_COPY", "PRE_COPY_P2P"}

\* Quiescence: in STOP, STOP_COPY, RESUMING (and ERROR) the device does no
\* DMA, raises no interrupt and its internal state does not change: it has
\* made no change since it entered that state (a state property, seen in every
\* later step, not only in the activity step).
Quiescence == device_state \notin ActiveStates => dirty_made = 0

\* Reset returns the device to RUNNING and ends every session.
ResetSemantics ==
  action.tag = "Reset" => device_state = "RUNNING" /\ session = "NONE" /\ live_fds = {}

-----------------------------------------------------------------------------
(* Liveness: every SET returns (needs the weak fairness of Spec).           *)
SetReturns == Pending ~> ~Pending

=============================================================================
