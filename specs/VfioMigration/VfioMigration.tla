----------------------------- MODULE VfioMigration -----------------------------
(***************************************************************************)
(* One VFIO device migrated by QEMU from a source to a destination host    *)
(* (hw/vfio/migration.c save and load paths, docs/devel/migration/         *)
(* vfio.rst), with the migration data stream made explicit:                *)
(*  - the source device's internal state is a version number that the      *)
(*    guest advances while the device runs (guest_view is the guest's      *)
(*    own idea of it: the oracle for "nothing lost");                      *)
(*  - each read() of the saving data_fd yields one chunk                   *)
(*    [seq, base, ver, final]: the device saves its initial image when the *)
(*    saving session starts (RUNNING -> PRE_COPY) and each later pre-copy  *)
(*    image when it is read; the final STOP_COPY chunk carries the state   *)
(*    saved when the device stopped; then read() returns 0 (EOF).  A full  *)
(*    image has base -1; with DeltaImages every image after the initial    *)
(*    one (the final one included) carries only the change from the image  *)
(*    before it (base: that image's version), so the destination's state   *)
(*    is built from every chunk and a stale or garbage pre-copy chunk      *)
(*    corrupts it;                                                         *)
(*  - QEMU sends the chunks in read order; the destination writes them     *)
(*    into its RESUMING data_fd in arrival order;                          *)
(*  - RESUMING -> STOP loads the data and must fail unless the stream is   *)
(*    complete (ends with the final chunk) and in order (seq 1, 2, ...).   *)
(* Orchestration: save_setup (SET PRE_COPY on the source, SET RESUMING on  *)
(* the destination), pre-copy iterations until the pending estimate is at  *)
(* most Threshold (and, with SwitchoverAck, the destination has acked),    *)
(* switchover (vCPUs stop; SET STOP_COPY from PRE_COPY through             *)
(* PRE_COPY_P2P, or without PRE_COPY SET STOP, then STOP -> STOP_COPY      *)
(* opening the saving fd as a step of its own), stop-copy reads to EOF,    *)
(* destination start (SET RUNNING: RESUMING -> STOP loads), save_cleanup   *)
(* (SET STOP).  Cancel, a lost or reordered chunk, a rejected load or a    *)
(* failed SET make the migration fail: the source returns to RUNNING, the  *)
(* destination is reset.                                                   *)
(*                                                                         *)
(* Composition with VfioArcs/VfioFsm (issue 12, item 1).  Each device      *)
(* moves by VfioArcs' KernelNext (vfio_mig_get_next_state) through an      *)
(* INSTANCE: QEMU's step records the SET's target (src_tgt, dst_tgt) and,  *)
(* with ArcSteps, SrcArc/DstArc take one arc per step, interleaved with    *)
(* the guest, the wire and the other host; each arc moves the device's     *)
(* data_fds by VfioArcs' OpensSession (a new fd where a session starts,    *)
(* the old one disabled where it ends), and QEMU takes a returned fd as    *)
(* vfio_migration_set_state does.  DataFdRules checks each device's        *)
(* projection against VfioFsm's session rules (SingleSession,              *)
(* FdOnlyOnSessionStart), derived from the sessions the states have.       *)
(* ArcSteps = FALSE runs each SET as one step (the replay binding's and    *)
(* simulate --record's granularity); the arcs are then those of the whole  *)
(* SET and the fd follows the uAPI's reply rule (NewFdRule).               *)
(* Failures (item 2): ArcFails, LoadRejected, then QemuRecover as          *)
(* hw/vfio/migration.c does it (vfio_migration_set_state's recover state   *)
(* or reset_device; vfio_migration_set_state_or_reset).                    *)
(***************************************************************************)
EXTENDS Integers, Sequences

CONSTANTS
  FlagSets,    \* the device's VFIO_DEVICE_FEATURE_MIGRATION flags (one chosen per behaviour)
  MaxVersion,  \* how often the guest may change the device's state
  MayCancel,   \* TRUE: the user may cancel the migration at any point
  NetFaults,   \* faults on the way: a subset of {"LOSS", "REORDER"}
  DeltaImages, \* TRUE: images after the initial one are increments over the previous
               \* image (mlx5: mlx5vf_cmd_save_vhca_state with inc, drivers/vfio/pci/mlx5/
               \* cmd.c, and its stop-copy tail); FALSE: every image is the whole state
               \* (mtty's mtty_save_state, the emulator's VF snapshots)
  ArcSteps,    \* TRUE: each SET QEMU issues is walked by the kernel one arc per step
               \* (vfio_mig_get_next_state in the driver loop, VfioFsm's SetStep), so the
               \* guest, the wire and the other host interleave between arcs and an arc
               \* may fail; FALSE: a SET is one atomic step that ends in its target (the
               \* granularity of the replay binding and of simulate --record)
  ArcsMayFail, \* TRUE: one arc of one SET may fail per behaviour, the device staying in
               \* the arc's source state or entering ERROR (vfio.h, VFIO_DEVICE_FEATURE_MIG_
               \* DEVICE_STATE: "the device_state may be any state on the path, or ERROR");
               \* FALSE: every arc succeeds.  Needs ArcSteps.
  RejectedLoad, \* what follows when the destination's start SET fails (the load rejected
               \* at RESUMING -> STOP, or a later arc): "COMPLETE": QEMU 10.x: vfio_vmstate_
               \* change -> vfio_migration_set_state_or_reset resets the device and the VM
               \* starts with it; the error is only logged on the destination (there is no
               \* outgoing stream to fail) and the source has already completed;  "FAIL": the
               \* migration fails and the source resumes (the behaviour the spec had, and
               \* what a management layer that checks the destination would do)
  Threshold,   \* switchover threshold in chunks: QEMU's migration_iteration_run switches
               \* when the pending estimate (vfio_state_pending_estimate: precopy_init_size +
               \* precopy_dirty_size) is at most threshold_size (measured bandwidth x
               \* downtime-limit, migration_update_counters); 0: wait until both are 0
  SwitchoverAck, \* TRUE: the switchover-ack capability is on: a device with PRE_COPY
               \* needs the destination's ack before switchover (vfio_switchover_ack_needed;
               \* the source sends VFIO_MIG_FLAG_DEV_INIT_DATA_SENT after its initial data,
               \* vfio_load_state answers with qemu_loadvm_approve_switchover, the source's
               \* migration_can_switchover waits for MIG_RP_MSG_SWITCHOVER_ACK); FALSE: off.
               \* A lost initial chunk means no ack ever: use it with NetFaults = {} (QEMU's
               \* stream neither loses nor reorders)
  Defects      \* injected bugs, see DefectNames

DefectNames ==
  { "AcceptTruncated",          \* RESUMING -> STOP loads a stream without its final chunk
    "AcceptReordered",          \* RESUMING -> STOP does not check the chunk order
    "NoResumeOnFailure",        \* after switchover a failure leaves the source stopped
    "RecoverByReset",           \* failure recovery resets the device (its state is lost)
    "WaitForEnomsgInStopCopy",  \* the stop-copy loop waits for -ENOMSG, which STOP_COPY never returns
    "DeviceRunsInStopCopy",     \* the device's state still changes in STOP_COPY (not quiescent)
    "BusyWhenStopped",          \* the device's state still changes in STOP (not quiescent)
    "StaleDirtyChunk",          \* a dirty pre-copy read returns the previous image's data while
                                \* the device counts the new one as sent
    "NoResetOnError",           \* QEMU leaves a device in ERROR (vfio_migration_set_state
                                \* without its reset_device path)
    "SwitchoverBeforeAck",      \* QEMU switches over below the threshold without the ack
    "RetryFailedSet",           \* QEMU answers a failed SET by issuing it again instead of
                                \* its recover state (a naive retry loop)
    "WriteBeforeResuming",      \* QEMU writes received chunks to the destination device
                                \* before its RESUMING SET has returned (no resuming fd yet)
    "NewFdInsideSavingGroup" }  \* (VfioArcs) PRE_COPY(_P2P) -> STOP_COPY opens a second session

ASSUME FlagSets \subseteq {1, 3, 5, 7} /\ MaxVersion \in 0..4
ASSUME MayCancel \in BOOLEAN /\ NetFaults \subseteq {"LOSS", "REORDER"} /\ DeltaImages \in BOOLEAN
ASSUME ArcSteps \in BOOLEAN /\ ArcsMayFail \in BOOLEAN /\ (ArcsMayFail => ArcSteps)
ASSUME RejectedLoad \in {"COMPLETE", "FAIL"} /\ Threshold \in 0..2 /\ SwitchoverAck \in BOOLEAN
ASSUME Defects \subseteq DefectNames

\* The kernel's arc algorithm (vfio_mig_get_next_state) and session rules, shared with VfioFsm.
Arcs == INSTANCE VfioArcs WITH SkipLoopFixed <- TRUE,
                               Defects <- Defects \cap {"NewFdInsideSavingGroup"}

HasPreCopy(f) == Arcs!HasPreCopy(f)
HasP2P(f) == Arcs!HasP2P(f)
States == Arcs!States
SavingGroup == Arcs!SavingGroup
Phases == {"IDLE", "PRECOPY", "STOPCOPY", "COMPLETING", "CLEANUP", "RECOVER",
           "SUCCEEDED", "FAILED"}
Devs == {"SRC", "DST"}
Chunks == [seq : 1..(MaxVersion + 2), base : -1..MaxVersion, ver : 0..MaxVersion,
           final : BOOLEAN]
Corrupt == -2  \* a state no image of the source had: an increment applied to the wrong base
MaxChunks == MaxVersion + 2   \* one pre-copy chunk per version, plus the final one
\* vfio_mig_get_next_state for the flag sets of the model, evaluated once.
KernelTbl == [f \in FlagSets |-> [c \in States |-> [t \in States |-> Arcs!KernelNext(c, t, f)]]]

VARIABLES
  action,       \* history: [tag |-> name, params...] of the last step
  flags,        \* the device's migration flags
  phase,        \* QEMU's migration phase
  src_state,    \* source device_state
  dst_state,    \* destination device_state
  src_device,   \* the source device's internal state (a version)
  guest_view,   \* ghost: the state the guest expects the device to have
  src_sent_ver, \* version of the newest image the saving fd has made (-1: none)
  src_eof,      \* the STOP_COPY final chunk was read (read() returns 0 from now on)
  src_read,     \* every chunk read from the source's saving fd, in order
  wire,         \* chunks sent and not yet written on the destination
  dst_written,  \* chunks written into the destination's resuming fd, in order
  dst_device,   \* the destination device's loaded state (-1: nothing loaded)
  src_stop_ver, \* ghost: src_device when the source device stopped (-1: not yet)
  src_tgt,      \* the SET QEMU has in progress on the source: its target ("NONE": none)
  dst_tgt,      \* the same on the destination
  src_live,     \* the source kernel's live data_fd (0: no session); fds are numbered 1, 2, ...
  dst_live,     \* the same on the destination
  src_nfd,      \* data_fds the source device has returned so far
  dst_nfd,      \* the same on the destination
  src_fd,       \* the data_fd QEMU holds for the source device (0: none)
  dst_fd,       \* the same on the destination
  set_failed,       \* "NONE"; "SRC"/"DST": that device's SET failed, QEMU has not reacted yet;
                \* "DONE": the behaviour's one failure is over
  dst_acked         \* the destination has sent the switchover ack

devVars == <<src_tgt, dst_tgt, src_live, dst_live, src_nfd, dst_nfd, src_fd, dst_fd>>
vars == <<action, flags, phase, src_state, dst_state, src_device, guest_view,
          src_sent_ver, src_eof, src_read, wire, dst_written, dst_device, src_stop_ver,
          src_tgt, dst_tgt, src_live, dst_live, src_nfd, dst_nfd, src_fd, dst_fd,
          set_failed, dst_acked>>

\* vfio_precopy_info as the driver reports it in PRE_COPY(_P2P): the initial
\* image (saved at RUNNING -> PRE_COPY) until it is read, then whether the
\* state changed since the newest image.
initial_bytes == IF src_read = <<>> THEN 1 ELSE 0
dirty_bytes == IF src_sent_ver # -1 /\ src_device > src_sent_ver THEN 1 ELSE 0
\* What vfio_state_pending_estimate adds up for the device (0 outside PRE_COPY).
PendingEstimate == IF src_state = "PRE_COPY" THEN initial_bytes + dirty_bytes ELSE 0

Init ==
  /\ action = [tag |-> "Init"]
  /\ flags \in FlagSets
  /\ phase = "IDLE"
  /\ src_state = "RUNNING" /\ dst_state = "RUNNING"
  /\ src_device = 0 /\ guest_view = 0
  /\ src_sent_ver = -1 /\ src_eof = FALSE
  /\ src_read = <<>> /\ wire = <<>> /\ dst_written = <<>>
  /\ dst_device = -1 /\ src_stop_ver = -1
  /\ src_tgt = "NONE" /\ dst_tgt = "NONE"
  /\ src_live = 0 /\ dst_live = 0 /\ src_nfd = 0 /\ dst_nfd = 0 /\ src_fd = 0 /\ dst_fd = 0
  /\ set_failed = "NONE" /\ dst_acked = FALSE

Chunk(b, v, fin) == [seq |-> Len(src_read) + 1, base |-> b, ver |-> v, final |-> fin]
\* The base of the next increment: the version of the newest image read.
DeltaBase == IF DeltaImages /\ src_read # <<>> THEN src_sent_ver ELSE -1
Emit(c) == /\ src_read' = Append(src_read, c) /\ wire' = Append(wire, c)

\* What RESUMING -> STOP accepts.  Correct: complete and in order.
InOrder(w) == \A i \in 1..Len(w) : w[i].seq = i
Complete(w) == Len(w) > 0 /\ w[Len(w)].final
LoadAccepts(w) ==
  /\ Complete(w) \/ "AcceptTruncated" \in Defects
  /\ InOrder(w) \/ ("AcceptReordered" \in Defects /\ \E i \in 1..Len(w) : w[i].final)
\* The state the device loads: every chunk written, applied in order to its
\* fresh state (version 0): a full image replaces the state, an increment
\* turns its base into its version and anything else into Corrupt.
Apply(st, c) == IF c.base = -1 \/ c.base = st THEN c.ver ELSE Corrupt
RECURSIVE LoadFrom(_, _)
LoadFrom(st, w) == IF w = <<>> THEN st ELSE LoadFrom(Apply(st, Head(w)), Tail(w))
Loaded(w) == LoadFrom(0, w)

-----------------------------------------------------------------------------
(* The devices: one arc (ArcSteps) or one whole SET (atomic) at a time.     *)

\* The session a state has (vfio.h's per-state text): the saving group shares
\* one, RESUMING has its own.
SessionOf(s) == IF s \in SavingGroup THEN "SAVING" ELSE IF s = "RESUMING" THEN "RESUMING" ELSE "NONE"
\* Does the move c -> n return a new data_fd?  One arc: the driver's per-arc
\* rule (VfioArcs' OpensSession); a whole SET: the uAPI's reply rule (NewFdRule).
Opens(c, n) == IF ArcSteps THEN Arcs!OpensSession(c, n)
               ELSE Arcs!NewFdRule(c, n) \/ Arcs!OpensSession(c, n)
\* The live fd after c -> n: a new one when a session opens, none when the
\* session ends (the driver disables the old fd), else the same.
LiveAfter(c, n, live, nfd) ==
  IF Opens(c, n) THEN nfd + 1 ELSE IF SessionOf(n) # SessionOf(c) THEN 0 ELSE live
\* vfio_migration_set_state: QEMU takes a returned fd only when it holds none
\* (else "data_fd out of sync": it closes the new one and keeps its own).
\* close: QEMU closes its fd in the same step (vfio_migration_cleanup).
QemuFdAfter(c, n, tgt, qfd, nfd, close) ==
  IF close THEN 0 ELSE IF Opens(c, n) /\ n = tgt /\ qfd = 0 THEN nfd + 1 ELSE qfd

\* The source moves c -> n (one arc, or a whole SET to its target n).  The
\* device saves its initial image at RUNNING -> PRE_COPY, and its final state
\* when it first stops (leaves the active states).
SrcMove(n, tgt, close) ==
  /\ src_state' = n
  /\ src_live' = LiveAfter(src_state, n, src_live, src_nfd)
  /\ src_nfd' = IF Opens(src_state, n) THEN src_nfd + 1 ELSE src_nfd
  /\ src_fd' = QemuFdAfter(src_state, n, tgt, src_fd, src_nfd, close)
  /\ src_sent_ver' = IF <<src_state, n>> = <<"RUNNING", "PRE_COPY">> THEN src_device
                     ELSE src_sent_ver
  /\ src_stop_ver' = IF /\ src_stop_ver = -1
                        /\ src_state \in Arcs!ActiveStates /\ n \notin Arcs!ActiveStates
                       THEN src_device ELSE src_stop_ver
SrcStill(close) == /\ UNCHANGED <<src_state, src_live, src_nfd, src_sent_ver, src_stop_ver>>
                   /\ src_fd' = IF close THEN 0 ELSE src_fd

\* The destination moves c -> n; leaving RESUMING loads what was written.
DstMove(n, tgt) ==
  /\ dst_state' = n
  /\ dst_live' = LiveAfter(dst_state, n, dst_live, dst_nfd)
  /\ dst_nfd' = IF Opens(dst_state, n) THEN dst_nfd + 1 ELSE dst_nfd
  /\ dst_fd' = QemuFdAfter(dst_state, n, tgt, dst_fd, dst_nfd, FALSE)
  /\ dst_device' = IF dst_state = "RESUMING" /\ n # "RESUMING" THEN Loaded(dst_written)
                   ELSE dst_device
DstStill == UNCHANGED <<dst_state, dst_live, dst_nfd, dst_fd, dst_device>>

\* QEMU issues SET t: with ArcSteps the kernel walks it (SrcArc), else it is done.
IssueSrc(t, close) ==
  IF ArcSteps \/ t = src_state
    THEN /\ src_tgt' = IF t = src_state THEN "NONE" ELSE t
         /\ SrcStill(close)
    ELSE /\ src_tgt' = "NONE"
         /\ SrcMove(t, t, close)
IssueDst(t) ==
  IF ArcSteps \/ t = dst_state
    THEN /\ dst_tgt' = IF t = dst_state THEN "NONE" ELSE t
         /\ DstStill
    ELSE /\ dst_tgt' = "NONE"
         /\ DstMove(t, t)

\* VFIO_DEVICE_RESET: RUNNING, every session ended, the device's state lost
\* (the source forgets the guest's work, the destination what it loaded).
ResetSrc == /\ src_state' = "RUNNING" /\ src_tgt' = "NONE" /\ src_live' = 0
            /\ src_device' = 0
ResetDst == /\ dst_state' = "RUNNING" /\ dst_tgt' = "NONE" /\ dst_live' = 0
            /\ dst_device' = -1

\* One arc of the source's SET in progress (vfio_mig_get_next_state's next
\* hop for the device's flags).  A SET the kernel rejects (-EINVAL: only from
\* ERROR, which a correct QEMU never leaves a device in) ends without a move.
SrcArc ==
  /\ src_tgt # "NONE" /\ set_failed \notin Devs
  /\ LET n == KernelTbl[flags][src_state][src_tgt]
     IN IF n \in States
          THEN /\ SrcMove(n, src_tgt, FALSE)
               /\ src_tgt' = IF n = src_tgt THEN "NONE" ELSE src_tgt
          ELSE /\ src_tgt' = "NONE" /\ SrcStill(FALSE)
  /\ action' = [tag |-> "SrcArc"]
  /\ UNCHANGED <<flags, phase, dst_state, src_device, guest_view, src_eof, src_read, wire,
                 dst_written, dst_device, dst_tgt, dst_live, dst_nfd, dst_fd, set_failed, dst_acked>>

\* One arc of the destination's SET.  RESUMING -> STOP loads the data and
\* succeeds only if the driver accepts it (else LoadRejected).
DstArc ==
  /\ dst_tgt # "NONE" /\ set_failed \notin Devs
  /\ LET n == KernelTbl[flags][dst_state][dst_tgt]
     IN IF n \in States
          THEN /\ dst_state = "RESUMING" /\ n # "RESUMING" => LoadAccepts(dst_written)
               /\ DstMove(n, dst_tgt)
               /\ dst_tgt' = IF n = dst_tgt THEN "NONE" ELSE dst_tgt
          ELSE /\ dst_tgt' = "NONE" /\ DstStill
  /\ action' = [tag |-> "DstArc"]
  /\ UNCHANGED <<flags, phase, src_state, src_device, guest_view, src_sent_ver, src_eof,
                 src_read, wire, dst_written, src_stop_ver, src_tgt, src_live, src_nfd,
                 src_fd, set_failed, dst_acked>>

\* An arc fails (ArcsMayFail, once per behaviour; not in save_cleanup after
\* success, whose source VM is gone): the driver stops its loop, the device
\* stays in the arc's source state or enters ERROR (no session there), and
\* the SET returns an error to QEMU.
ArcFails(d, outcome) ==
  /\ ArcsMayFail /\ set_failed = "NONE" /\ phase # "SUCCEEDED"
  /\ IF d = "SRC"
       THEN /\ src_tgt # "NONE" /\ KernelTbl[flags][src_state][src_tgt] \in States
            /\ IF outcome = "ERROR" THEN src_state' = "ERROR" /\ src_live' = 0
                                    ELSE UNCHANGED <<src_state, src_live>>
            /\ UNCHANGED <<dst_state, dst_live>>
       ELSE /\ dst_tgt # "NONE" /\ KernelTbl[flags][dst_state][dst_tgt] \in States
            /\ IF outcome = "ERROR" THEN dst_state' = "ERROR" /\ dst_live' = 0
                                    ELSE UNCHANGED <<dst_state, dst_live>>
            /\ UNCHANGED <<src_state, src_live>>
  /\ set_failed' = d
  /\ action' = [tag |-> "ArcFails", dev |-> d, outcome |-> outcome]
  /\ UNCHANGED <<flags, phase, src_device, guest_view, src_sent_ver, src_eof, src_read, wire,
                 dst_written, dst_device, src_stop_ver, src_tgt, dst_tgt, src_nfd, dst_nfd,
                 src_fd, dst_fd, dst_acked>>

\* The destination's driver refuses the data at RESUMING -> STOP (incomplete
\* or out of order): the arc fails, the device stays in RESUMING (mlx5vf_cmd_
\* load_vhca_state's error leaves mig_state unchanged).
LoadRejected ==
  /\ set_failed \notin Devs
  /\ dst_state = "RESUMING" /\ dst_tgt # "NONE"
  /\ KernelTbl[flags][dst_state][dst_tgt] # "RESUMING"
  /\ ~LoadAccepts(dst_written)
  /\ set_failed' = "DST"
  /\ action' = [tag |-> "LoadRejected"]
  /\ UNCHANGED <<flags, phase, src_state, dst_state, src_device, guest_view, src_sent_ver,
                 src_eof, src_read, wire, dst_written, dst_device, src_stop_ver, devVars, dst_acked>>

\* QEMU's answer to a failed SET (hw/vfio/migration.c, vfio_migration_set_state):
\* with a recover state it SETs that (save_setup: RUNNING; save_complete_precopy's
\* STOP -> STOP_COPY: STOP; load_setup: the state it had, RUNNING), and resets the
\* device (VFIO_DEVICE_RESET, "reset_device") when that fails too or when the
\* caller gave none (vfio_migration_set_state_or_reset: the run-state callbacks
\* vfio_vmstate_change(_prepare), the failure notifier); a device in ERROR
\* rejects every SET, so it is always reset.  Every failed SET fails the
\* migration (migration_file_set_error, save/load setup errors), except the
\* destination's start, where RejectedLoad decides.
RecoverState(d) ==
  CASE d = "SRC" /\ src_tgt = "PRE_COPY"                         -> "RUNNING"
    [] d = "SRC" /\ src_tgt = "STOP_COPY" /\ ~HasPreCopy(flags)  -> "STOP"
    [] d = "DST" /\ dst_tgt = "RESUMING"                         -> "RUNNING"
    [] OTHER                                                     -> "ERROR"
QemuRecover(d) ==
  /\ set_failed = d
  /\ set_failed' = "DONE"
  /\ LET st == IF d = "SRC" THEN src_state ELSE dst_state
         rec == IF "RetryFailedSet" \in Defects
                  THEN IF d = "SRC" THEN src_tgt ELSE dst_tgt
                  ELSE RecoverState(d)
         reset == st = "ERROR" \/ rec = "ERROR"
     IN IF d = "SRC"
          THEN /\ IF st = "ERROR" /\ "NoResetOnError" \in Defects
                    THEN src_tgt' = "NONE" /\ UNCHANGED <<src_state, src_live, src_device>>
                  ELSE IF reset THEN ResetSrc
                  ELSE /\ src_tgt' = IF rec = st THEN "NONE" ELSE rec
                       /\ UNCHANGED <<src_state, src_live, src_device>>
               /\ UNCHANGED <<dst_state, dst_tgt, dst_live, dst_device>>
          ELSE /\ IF st = "ERROR" /\ "NoResetOnError" \in Defects
                    THEN dst_tgt' = "NONE" /\ UNCHANGED <<dst_state, dst_live, dst_device>>
                  ELSE IF reset THEN ResetDst
                  ELSE /\ dst_tgt' = IF rec = st THEN "NONE" ELSE rec
                       /\ UNCHANGED <<dst_state, dst_live, dst_device>>
               /\ UNCHANGED <<src_state, src_tgt, src_live, src_device>>
  /\ phase' = CASE phase \in {"PRECOPY", "STOPCOPY", "COMPLETING"} -> "RECOVER"
                [] phase = "CLEANUP" /\ RejectedLoad = "FAIL"        -> "RECOVER"
                [] OTHER                                             -> phase
  /\ action' = [tag |-> "QemuRecover", dev |-> d]
  /\ UNCHANGED <<flags, guest_view, src_sent_ver, src_eof, src_read, wire, dst_written,
                 src_stop_ver, src_nfd, dst_nfd, src_fd, dst_fd, dst_acked>>

-----------------------------------------------------------------------------
(* The guest.                                                               *)

\* The guest drives the device, which changes its internal state: an
\* environment action enabled in every phase, constrained only by the device
\* model (vfio.h: the device changes state only in RUNNING(_P2P) and
\* PRE_COPY(_P2P); STOP and STOP_COPY are quiescent).  The defects are
\* devices that do not stop.
DeviceMayChange(s) ==
  \/ s \in {"RUNNING", "RUNNING_P2P", "PRE_COPY", "PRE_COPY_P2P"}
  \/ s = "STOP_COPY" /\ "DeviceRunsInStopCopy" \in Defects
  \/ s = "STOP" /\ "BusyWhenStopped" \in Defects

GuestWork ==
  /\ DeviceMayChange(src_state)
  /\ src_device < MaxVersion /\ guest_view < MaxVersion
  /\ src_device' = src_device + 1
  /\ guest_view' = guest_view + 1
  /\ action' = [tag |-> "GuestWork"]
  /\ UNCHANGED <<flags, phase, src_state, dst_state, src_sent_ver, src_eof, src_read,
                 wire, dst_written, dst_device, src_stop_ver, devVars, set_failed, dst_acked>>

-----------------------------------------------------------------------------
(* QEMU, save and load paths.  A step that issues a SET on a device waits  *)
(* until that device has no SET in progress (a SET is a blocking ioctl).   *)

SrcIdle == src_tgt = "NONE" /\ set_failed \notin Devs
DstIdle == dst_tgt = "NONE" /\ set_failed \notin Devs

\* save_setup on the source (SET PRE_COPY, recover state RUNNING: a new
\* saving fd, if the device has PRE_COPY) and load_setup on the destination
\* (SET RESUMING: a new resuming fd).
MigrationStart ==
  /\ phase = "IDLE"
  /\ phase' = "PRECOPY"
  /\ IF HasPreCopy(flags) THEN IssueSrc("PRE_COPY", FALSE) ELSE src_tgt' = "NONE" /\ SrcStill(FALSE)
  /\ IssueDst("RESUMING")
  /\ src_eof' = FALSE
  /\ action' = [tag |-> "MigrationStart"]
  /\ UNCHANGED <<flags, src_device, guest_view, src_read, wire, dst_written,
                 set_failed, dst_acked>>

\* save_live_iterate: read() returns data while initial_bytes or dirty_bytes
\* is non-zero (the initial image first, then a new image of the state as of
\* the read); QEMU sends it.
PrecopyRead ==
  /\ phase = "PRECOPY" /\ src_state = "PRE_COPY" /\ SrcIdle
  /\ initial_bytes + dirty_bytes > 0
  /\ Len(src_read) < MaxChunks
  \* the initial image (a full one) or the device's state now, as a full image
  \* or as the increment over the newest image read
  /\ Emit(Chunk(IF initial_bytes = 1 THEN -1 ELSE DeltaBase,
                IF initial_bytes = 1 \/ "StaleDirtyChunk" \notin Defects
                  THEN (IF initial_bytes = 1 THEN src_sent_ver ELSE src_device)
                  ELSE src_sent_ver,
                FALSE))
  \* the device counts what it saved as sent (its dirty tracking restarts)
  /\ src_sent_ver' = IF initial_bytes = 1 THEN src_sent_ver ELSE src_device
  /\ action' = [tag |-> "PrecopyRead"]
  /\ UNCHANGED <<flags, phase, src_state, dst_state, src_device, guest_view, src_eof,
                 dst_written, dst_device, src_stop_ver, devVars, set_failed, dst_acked>>

\* Switchover-ack: the destination has written the initial image (the source
\* sends VFIO_MIG_FLAG_DEV_INIT_DATA_SENT right behind it) and acks on the
\* return path (qemu_loadvm_approve_switchover -> MIG_RP_MSG_SWITCHOVER_ACK).
DestAck ==
  /\ SwitchoverAck /\ HasPreCopy(flags) /\ ~dst_acked
  /\ dst_state = "RESUMING"
  /\ \E i \in 1..Len(dst_written) : dst_written[i].seq = 1
  /\ dst_acked' = TRUE
  /\ action' = [tag |-> "DestAck"]
  /\ UNCHANGED <<flags, phase, src_state, dst_state, src_device, guest_view, src_sent_ver,
                 src_eof, src_read, wire, dst_written, dst_device, src_stop_ver, devVars, set_failed>>

\* Switchover (migration_iteration_run): the pending estimate is at most the
\* threshold (a device without PRE_COPY reports none) and, with switchover-ack,
\* the destination has acked (migration_can_switchover).  vCPUs stop, the
\* prepare then main callbacks stop the device (vfio_vmstate_change_prepare,
\* vfio_vmstate_change, both vfio_migration_set_state_or_reset): PRE_COPY ->
\* PRE_COPY_P2P -> STOP_COPY keeps the saving fd; without PRE_COPY, RUNNING (->
\* RUNNING_P2P) -> STOP, and the saving fd is opened later by StopCopyStart.
\* The prepare SET (PRE_COPY_P2P or RUNNING_P2P) and the main SET take the
\* same arcs as one SET to the main target, which is how they are issued here.
Switchover ==
  /\ phase = "PRECOPY" /\ SrcIdle
  /\ src_state \in {"PRE_COPY", "RUNNING"}
  /\ PendingEstimate <= Threshold
  /\ SwitchoverAck /\ HasPreCopy(flags) /\ "SwitchoverBeforeAck" \notin Defects => dst_acked
  /\ phase' = "STOPCOPY"
  /\ IssueSrc(IF src_state = "PRE_COPY" THEN "STOP_COPY" ELSE "STOP", FALSE)
  /\ action' = [tag |-> "Switchover"]
  /\ UNCHANGED <<flags, dst_state, src_device, guest_view, src_eof, src_read,
                 wire, dst_written, dst_device, dst_tgt, dst_live, dst_nfd, dst_fd, set_failed, dst_acked>>

\* vfio_save_complete_precopy on a device without PRE_COPY: SET STOP_COPY
\* (recover state STOP) starts the saving session and returns its data_fd.
StopCopyStart ==
  /\ phase = "STOPCOPY" /\ src_state = "STOP" /\ SrcIdle
  /\ IssueSrc("STOP_COPY", FALSE)
  /\ action' = [tag |-> "StopCopyStart"]
  /\ UNCHANGED <<flags, phase, dst_state, src_device, guest_view, src_eof,
                 src_read, wire, dst_written, dst_device, dst_tgt, dst_live, dst_nfd, dst_fd,
                 set_failed, dst_acked>>

\* save_live_complete_precopy: read() in STOP_COPY returns the final data,
\* the state the device saved when it entered STOP_COPY ...
StopCopyRead ==
  /\ phase = "STOPCOPY" /\ src_state = "STOP_COPY" /\ SrcIdle
  /\ ~src_eof
  /\ Emit(Chunk(DeltaBase, src_stop_ver, TRUE))
  /\ src_eof' = TRUE
  /\ src_sent_ver' = src_stop_ver
  /\ action' = [tag |-> "StopCopyRead"]
  /\ UNCHANGED <<flags, phase, src_state, dst_state, src_device, guest_view,
                 dst_written, dst_device, src_stop_ver, devVars, set_failed, dst_acked>>

\* ... then 0 (EOF) for ever.  QEMU ends the device's section on 0.  (A loop
\* that waits for -ENOMSG here instead keeps reading 0 and never ends.)
StopCopyEof ==
  /\ phase = "STOPCOPY" /\ src_eof
  /\ IF "WaitForEnomsgInStopCopy" \in Defects
       THEN UNCHANGED phase
       ELSE phase' = "COMPLETING"
  /\ action' = [tag |-> "StopCopyEof"]
  /\ UNCHANGED <<flags, src_state, dst_state, src_device, guest_view, src_sent_ver,
                 src_eof, src_read, wire, dst_written, dst_device, src_stop_ver, devVars,
                 set_failed, dst_acked>>

\* The migration stream delivers the next chunk; load_state writes it into
\* the resuming fd (once load_setup's SET RESUMING has returned).
Deliver ==
  /\ wire # <<>>
  /\ (dst_state = "RESUMING" /\ DstIdle) \/ "WriteBeforeResuming" \in Defects
  /\ dst_written' = Append(dst_written, Head(wire))
  /\ wire' = Tail(wire)
  /\ action' = [tag |-> "Deliver"]
  /\ UNCHANGED <<flags, phase, src_state, dst_state, src_device, guest_view, src_sent_ver,
                 src_eof, src_read, dst_device, src_stop_ver, devVars, set_failed, dst_acked>>

\* Faults on the way: the next chunk is lost, or the next two swap places
\* (multifd without its reorder buffer).
ChunkLost ==
  /\ "LOSS" \in NetFaults /\ wire # <<>>
  /\ wire' = Tail(wire)
  /\ action' = [tag |-> "ChunkLost"]
  /\ UNCHANGED <<flags, phase, src_state, dst_state, src_device, guest_view, src_sent_ver,
                 src_eof, src_read, dst_written, dst_device, src_stop_ver, devVars, set_failed, dst_acked>>

ChunksReordered ==
  /\ "REORDER" \in NetFaults /\ Len(wire) >= 2
  /\ wire' = <<wire[2], wire[1]>> \o SubSeq(wire, 3, Len(wire))
  /\ action' = [tag |-> "ChunksReordered"]
  /\ UNCHANGED <<flags, phase, src_state, dst_state, src_device, guest_view, src_sent_ver,
                 src_eof, src_read, dst_written, dst_device, src_stop_ver, devVars, set_failed, dst_acked>>

\* The VM starts on the destination: load_cleanup closes QEMU's resuming fd,
\* vm_start's callbacks SET RUNNING(_P2P) then RUNNING (RESUMING -> STOP loads
\* and validates).  Atomic: a rejected load is reset at once (RejectedLoad
\* decides the phase); with ArcSteps it is LoadRejected + QemuRecover.
DestStart ==
  /\ phase = "COMPLETING" /\ wire = <<>> /\ DstIdle
  /\ dst_fd' = 0
  /\ IF ArcSteps \/ LoadAccepts(dst_written)
       THEN /\ IF ArcSteps THEN /\ dst_tgt' = "RUNNING"
                                /\ UNCHANGED <<dst_state, dst_live, dst_nfd, dst_device>>
                           ELSE /\ dst_tgt' = "NONE"
                                /\ dst_state' = "RUNNING" /\ dst_live' = 0
                                /\ dst_device' = Loaded(dst_written)
                                /\ UNCHANGED dst_nfd
            /\ phase' = "CLEANUP"
       ELSE /\ ResetDst /\ UNCHANGED dst_nfd
            /\ phase' = IF RejectedLoad = "COMPLETE" THEN "CLEANUP" ELSE "RECOVER"
  /\ action' = [tag |-> "DestStart"]
  /\ UNCHANGED <<flags, src_state, src_device, guest_view, src_sent_ver, src_eof, src_read,
                 wire, dst_written, src_stop_ver, src_tgt, src_live, src_nfd, src_fd,
                 set_failed, dst_acked>>

\* save_cleanup after success: SET STOP (STOP_COPY -> STOP), QEMU closes the
\* saving fd (vfio_save_cleanup -> vfio_migration_cleanup).
SaveCleanup ==
  /\ phase = "CLEANUP" /\ SrcIdle /\ DstIdle
  /\ phase' = "SUCCEEDED"
  /\ IssueSrc("STOP", TRUE)
  /\ action' = [tag |-> "SaveCleanup"]
  /\ UNCHANGED <<flags, dst_state, src_device, guest_view, src_eof, src_read,
                 wire, dst_written, dst_device, dst_tgt, dst_live, dst_nfd, dst_fd, set_failed, dst_acked>>

\* The user cancels (migrate_cancel) before the destination has started; not
\* while a SET is in progress (the big lock is held across it).
Cancel ==
  /\ MayCancel
  /\ phase \in {"PRECOPY", "STOPCOPY", "COMPLETING"} /\ SrcIdle
  /\ phase' = "RECOVER"
  /\ action' = [tag |-> "Cancel"]
  /\ UNCHANGED <<flags, src_state, dst_state, src_device, guest_view, src_sent_ver, src_eof,
                 src_read, wire, dst_written, dst_device, src_stop_ver, devVars, set_failed, dst_acked>>

\* Failure handling (migration_iteration_finish, migration_cleanup): SET
\* RUNNING on the source (vm_start and the MIG_EVENT_PRECOPY_FAILED notifier;
\* from STOP_COPY it walks STOP_COPY -> STOP -> RUNNING(_P2P) ...), QEMU closes
\* its saving fd, the VM resumes.  The destination QEMU exits: its device is
\* reset when it is closed (RUNNING, nothing loaded).
ResumeSource ==
  /\ phase = "RECOVER" /\ SrcIdle
  /\ phase' = "FAILED"
  /\ IF "RecoverByReset" \in Defects
       THEN ResetSrc /\ src_fd' = 0 /\ UNCHANGED <<src_nfd, src_sent_ver, src_stop_ver>>
     ELSE IF "NoResumeOnFailure" \in Defects /\ src_state = "STOP_COPY"
       THEN src_tgt' = "NONE" /\ SrcStill(TRUE) /\ UNCHANGED src_device
     ELSE IssueSrc("RUNNING", TRUE) /\ UNCHANGED src_device
  /\ wire' = <<>>
  /\ dst_state' = "RUNNING" /\ dst_tgt' = "NONE" /\ dst_live' = 0 /\ dst_fd' = 0
  /\ action' = [tag |-> "ResumeSource"]
  /\ UNCHANGED <<flags, guest_view, src_eof, src_read, dst_written,
                 dst_device, dst_nfd, set_failed, dst_acked>>

\* Terminal phases stutter once nothing is in progress (a finished run is no deadlock).
Finished ==
  /\ phase \in {"SUCCEEDED", "FAILED"} /\ SrcIdle /\ DstIdle
  /\ action' = [tag |-> "Finished"]
  /\ UNCHANGED <<flags, phase, src_state, dst_state, src_device, guest_view, src_sent_ver,
                 src_eof, src_read, wire, dst_written, dst_device, src_stop_ver, devVars,
                 set_failed, dst_acked>>

Next ==
  \/ GuestWork
  \/ MigrationStart
  \/ PrecopyRead
  \/ DestAck
  \/ Switchover
  \/ StopCopyStart
  \/ StopCopyRead
  \/ StopCopyEof
  \/ Deliver
  \/ ChunkLost
  \/ ChunksReordered
  \/ DestStart
  \/ SaveCleanup
  \/ Cancel
  \/ ResumeSource
  \/ SrcArc
  \/ DstArc
  \/ \E d \in Devs, o \in {"STAY", "ERROR"} : ArcFails(d, o)
  \/ LoadRejected
  \/ \E d \in Devs : QemuRecover(d)
  \/ Finished

\* QEMU keeps migrating and the kernel finishes its SETs: weak fairness on
\* each of their steps (the guest, cancel, faults and failures get none).
Spec == Init /\ [][Next]_vars
          /\ WF_vars(MigrationStart) /\ WF_vars(PrecopyRead) /\ WF_vars(Switchover)
          /\ WF_vars(StopCopyStart) /\ WF_vars(DestAck)
          /\ WF_vars(StopCopyRead) /\ WF_vars(StopCopyEof) /\ WF_vars(Deliver)
          /\ WF_vars(DestStart) /\ WF_vars(SaveCleanup) /\ WF_vars(ResumeSource)
          /\ WF_vars(SrcArc) /\ WF_vars(DstArc) /\ WF_vars(LoadRejected)
          /\ WF_vars(QemuRecover("SRC")) /\ WF_vars(QemuRecover("DST"))

-----------------------------------------------------------------------------
(* Invariants, in plain words.                                              *)

AtRest == src_tgt = "NONE" /\ dst_tgt = "NONE" /\ set_failed \notin Devs

TypeOK ==
  /\ flags \in FlagSets
  /\ phase \in Phases
  /\ src_state \in States /\ dst_state \in States
  /\ src_device \in 0..MaxVersion /\ guest_view \in 0..MaxVersion
  /\ src_sent_ver \in -1..MaxVersion /\ src_eof \in BOOLEAN
  /\ src_read \in Seq(Chunks) /\ Len(src_read) <= MaxChunks
  /\ wire \in Seq(Chunks) /\ dst_written \in Seq(Chunks)
  /\ dst_device \in {Corrupt} \cup (-1..MaxVersion) /\ src_stop_ver \in -1..MaxVersion
  /\ src_tgt \in States \cup {"NONE"} /\ dst_tgt \in States \cup {"NONE"}
  /\ {src_live, dst_live, src_nfd, dst_nfd, src_fd, dst_fd} \subseteq 0..4
  /\ set_failed \in Devs \cup {"NONE", "DONE"} /\ dst_acked \in BOOLEAN

\* Stream fidelity: a destination device that loaded successfully was fed
\* exactly the bytes read from the source's saving fd, in order and complete,
\* and holds the state the source device had when it stopped (built from
\* every chunk: with DeltaImages a stale or garbage pre-copy chunk shows here).
StreamFidelity ==
  dst_device # -1 => /\ dst_written = src_read
                     /\ Complete(dst_written)
                     /\ dst_device = src_stop_ver
                     /\ dst_device = guest_view

\* No silent loss: a migration reported successful leaves the guest's device
\* state on the destination (a started destination loaded it and kept it).
NoSilentLoss == phase \in {"CLEANUP", "SUCCEEDED"} /\ dst_tgt = "NONE" /\ set_failed \notin Devs
                  => dst_device = guest_view

\* Quiescence of the stopped source: once it stopped, its state no longer
\* changes (until a failed migration resumes it).
SourceQuiescent ==
  src_stop_ver # -1 /\ phase \in {"STOPCOPY", "COMPLETING", "CLEANUP", "SUCCEEDED"}
    => src_device = src_stop_ver

\* Where the VM runs at the end: after success on the destination (its
\* device RUNNING, the source's in STOP); after a failure (or cancel) on the
\* source, its device RUNNING again.
SourceEndState ==
  /\ phase = "SUCCEEDED" /\ AtRest => src_state = "STOP" /\ dst_state = "RUNNING"
  /\ phase = "FAILED" /\ AtRest => src_state = "RUNNING"

\* No device is left in ERROR: QEMU resets a device whose SET failed.
NoErrorAtRest ==
  phase \in {"SUCCEEDED", "FAILED"} /\ AtRest => src_state # "ERROR" /\ dst_state # "ERROR"

\* Nothing lost: whenever the source device runs, its state is what the guest
\* expects -- a failed or cancelled migration costs the guest nothing.
NothingLost == src_state = "RUNNING" /\ phase = "FAILED" => src_device = guest_view

\* VfioFsm's session and data_fd rules on each device, derived from the
\* sessions the states have (not from the arc rule that moves the fds): a
\* live fd exactly while the device is in a state with a session, and it is
\* the newest fd; QEMU's fd is the live one whenever it reads or writes it;
\* QEMU holds none once the migration is over.
DataFdRules ==
  /\ (src_live # 0) <=> (SessionOf(src_state) # "NONE")
  /\ (dst_live # 0) <=> (SessionOf(dst_state) # "NONE")
  /\ src_live \in {0, src_nfd} /\ dst_live \in {0, dst_nfd}
  /\ phase \in {"PRECOPY", "STOPCOPY"} /\ src_tgt = "NONE" /\ src_state \in SavingGroup
       => src_fd = src_live
  /\ phase \in {"PRECOPY", "STOPCOPY", "COMPLETING"} /\ dst_tgt = "NONE"
       /\ dst_state = "RESUMING" => dst_fd = dst_live
  /\ phase \in {"SUCCEEDED", "FAILED"} => src_fd = 0 /\ dst_fd = 0

\* Switchover-ack: with it on, a PRE_COPY device stops only after the
\* destination holds its initial image (what the ack is for: the destination
\* has the bulk of the state before the downtime starts).
SwitchoverAcked ==
  SwitchoverAck /\ HasPreCopy(flags) /\ phase \in {"STOPCOPY", "COMPLETING", "CLEANUP", "SUCCEEDED"}
    => \E i \in 1..Len(dst_written) : dst_written[i].seq = 1

\* The migration stream between the hosts (QEMU's migration channel, a byte
\* stream over a socket or a file: migration/qemu-file.c; multifd channels
\* each the same) neither invents, alters nor duplicates a chunk, keeps the
\* order unless NetFaults has REORDER and loses none unless it has LOSS:
\* the chunks written at the destination, then those still on the way, are
\* distinct chunks read from the source, each as it was read, in read order
\* without REORDER, and all of them without LOSS until the migration has
\* failed (ResumeSource: the destination QEMU exits with the stream).
OnTheWay == dst_written \o wire
WireFaithful ==
  /\ \A i \in 1..Len(OnTheWay) :
       /\ OnTheWay[i].seq \in 1..Len(src_read)
       /\ OnTheWay[i] = src_read[OnTheWay[i].seq]
       /\ \A j \in 1..(i - 1) :
            /\ OnTheWay[j].seq # OnTheWay[i].seq
            /\ "REORDER" \notin NetFaults => OnTheWay[j].seq < OnTheWay[i].seq
  /\ "LOSS" \notin NetFaults /\ phase # "FAILED" => Len(OnTheWay) = Len(src_read)

\* QEMU's answer to a failed SET: the SET it issues next on that device is a
\* recover state (vfio_save_setup: RUNNING; vfio_save_complete_precopy: STOP;
\* vfio_load_setup: the state the device had, RUNNING), RUNNING after a reset,
\* or none -- never the saving or resuming state the failed SET was heading
\* for, whose arcs would open a new data_fd session on a migration that has
\* failed.  The step that answers is the one that settles set_failed.
RecoveryTargets ==
  [][(set_failed \in Devs /\ set_failed' = "DONE") =>
       (/\ set_failed = "SRC" => src_tgt' \in {"NONE", "RUNNING", "STOP"}
        /\ set_failed = "DST" => dst_tgt' \in {"NONE", "RUNNING"})]_vars

\* Writes go through the live resuming session: a chunk reaches the
\* destination device only while it is in RESUMING with no SET in progress,
\* through QEMU's fd, which is the session's live one (vfio_load_buffer
\* writes migration->data_fd; the resuming file exists only in RESUMING,
\* vfio.h; the fd rules of DataFdRules, at the moment of the write).
WritesThroughLiveFd ==
  [][(Len(dst_written') # Len(dst_written)) =>
       (/\ dst_state = "RESUMING" /\ dst_tgt = "NONE"
        /\ dst_live # 0 /\ dst_fd = dst_live)]_vars

-----------------------------------------------------------------------------
(* Liveness (under the fairness of Spec).                                   *)

\* Every migration ends, in success or in failure, with no SET in progress.
MigrationEnds == <>(phase \in {"SUCCEEDED", "FAILED"} /\ AtRest)
\* Without cancel, faults and failures it succeeds.
MigrationSucceeds == (~MayCancel /\ NetFaults = {} /\ ~ArcsMayFail) => <>(phase = "SUCCEEDED")
\* And the source ends where it must (STOP after success, RUNNING after failure).
SourceSettles == <>[](\/ phase = "SUCCEEDED" /\ src_state = "STOP"
                      \/ phase = "FAILED" /\ src_state = "RUNNING")
=============================================================================
