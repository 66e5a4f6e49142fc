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
(* Orchestration: save_setup (RUNNING -> PRE_COPY, destination RUNNING ->  *)
(* RESUMING), pre-copy iterations until initial_bytes and dirty_bytes are  *)
(* both 0, switchover (vCPUs stop, PRE_COPY -> PRE_COPY_P2P -> STOP_COPY,  *)
(* or without PRE_COPY RUNNING -> STOP, then STOP -> STOP_COPY opening the *)
(* saving fd as a step of its own), stop-copy reads to                     *)
(* EOF, destination start (RESUMING -> STOP -> RUNNING), save_cleanup      *)
(* (STOP_COPY -> STOP).  Cancel, a lost or reordered chunk, or a rejected  *)
(* load make the migration fail: the source device returns to RUNNING and  *)
(* the destination device is reset (QEMU's vfio_migration_set_state_or_   *)
(* reset; the destination VM does not start), which leaves it RUNNING.    *)
(* Each SET is one atomic step here (VfioFsm checks the arcs).             *)
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
  Defects      \* injected bugs, see DefectNames

DefectNames ==
  { "AcceptTruncated",          \* RESUMING -> STOP loads a stream without its final chunk
    "AcceptReordered",          \* RESUMING -> STOP does not check the chunk order
    "NoResumeOnFailure",        \* after switchover a failure leaves the source stopped
    "RecoverByReset",           \* failure recovery resets the device (its state is lost)
    "WaitForEnomsgInStopCopy",  \* the stop-copy loop waits for -ENOMSG, which STOP_COPY never returns
    "DeviceRunsInStopCopy",     \* the device's state still changes in STOP_COPY (not quiescent)
    "BusyWhenStopped",          \* the device's state still changes in STOP (not quiescent)
    "StaleDirtyChunk" }         \* a dirty pre-copy read returns the previous image's data while
                                \* the device counts the new one as sent

ASSUME FlagSets \subseteq {1, 3, 5, 7} /\ MaxVersion \in 0..4
ASSUME MayCancel \in BOOLEAN /\ NetFaults \subseteq {"LOSS", "REORDER"} /\ DeltaImages \in BOOLEAN
ASSUME Defects \subseteq DefectNames

HasPreCopy(f) == (f \div 4) % 2 = 1
States == {"ERROR", "STOP", "RUNNING", "STOP_COPY", "RESUMING",
           "RUNNING_P2P", "PRE_COPY", "PRE_COPY_P2P"}
Phases == {"IDLE", "PRECOPY", "STOPCOPY", "COMPLETING", "CLEANUP", "RECOVER",
           "SUCCEEDED", "FAILED"}
Chunks == [seq : 1..(MaxVersion + 2), base : -1..MaxVersion, ver : 0..MaxVersion,
           final : BOOLEAN]
Corrupt == -2  \* a state no image of the source had: an increment applied to the wrong base
MaxChunks == MaxVersion + 2   \* one pre-copy chunk per version, plus the final one

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
  src_stop_ver  \* ghost: src_device when the source device stopped (-1: not yet)

vars == <<action, flags, phase, src_state, dst_state, src_device, guest_view,
          src_sent_ver, src_eof, src_read, wire, dst_written, dst_device, src_stop_ver>>

\* vfio_precopy_info as the driver reports it in PRE_COPY(_P2P): the initial
\* image (saved at RUNNING -> PRE_COPY) until it is read, then whether the
\* state changed since the newest image.
initial_bytes == IF src_read = <<>> THEN 1 ELSE 0
dirty_bytes == IF src_sent_ver # -1 /\ src_device > src_sent_ver THEN 1 ELSE 0

Init ==
  /\ action = [tag |-> "Init"]
  /\ flags \in FlagSets
  /\ phase = "IDLE"
  /\ src_state = "RUNNING" /\ dst_state = "RUNNING"
  /\ src_device = 0 /\ guest_view = 0
  /\ src_sent_ver = -1 /\ src_eof = FALSE
  /\ src_read = <<>> /\ wire = <<>> /\ dst_written = <<>>
  /\ dst_device = -1 /\ src_stop_ver = -1

Chunk(b, v, fin) == [seq |-> Len(src_read) + 1, base |-> b, ver |-> v, final |-> fin]
\* The base of the next increment: the version of the newest image read.
DeltaBase == IF DeltaImages /\ src_read # <<>> THEN src_sent_ver ELSE -1
Emit(c) == /\ src_read' = Append(src_read, c) /\ wire' = Append(wire, c)

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
                 wire, dst_written, dst_device, src_stop_ver>>

-----------------------------------------------------------------------------
(* QEMU, save and load paths.                                               *)

\* save_setup on the source (RUNNING -> PRE_COPY: a new saving fd, if the
\* device has PRE_COPY) and load_setup on the destination (RUNNING ->
\* RESUMING: a new resuming fd).  RUNNING -> PRE_COPY saves the initial image.
MigrationStart ==
  /\ phase = "IDLE"
  /\ phase' = "PRECOPY"
  /\ src_state' = IF HasPreCopy(flags) THEN "PRE_COPY" ELSE "RUNNING"
  /\ dst_state' = "RESUMING"
  /\ src_sent_ver' = IF HasPreCopy(flags) THEN src_device ELSE -1
  /\ src_eof' = FALSE
  /\ action' = [tag |-> "MigrationStart"]
  /\ UNCHANGED <<flags, src_device, guest_view, src_read, wire, dst_written,
                 dst_device, src_stop_ver>>

\* save_live_iterate: read() returns data while initial_bytes or dirty_bytes
\* is non-zero (the initial image first, then a new image of the state as of
\* the read); QEMU sends it.
PrecopyRead ==
  /\ phase = "PRECOPY" /\ src_state = "PRE_COPY"
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
                 dst_written, dst_device, src_stop_ver>>

\* Pre-copy converged (both estimates 0, or no PRE_COPY at all): vCPUs stop,
\* the prepare then main callbacks stop the device (vfio_vmstate_change_prepare,
\* vfio_vmstate_change): PRE_COPY -> PRE_COPY_P2P -> STOP_COPY keeps the saving
\* fd; without PRE_COPY, RUNNING (-> RUNNING_P2P) -> STOP, and the saving fd is
\* opened later by StopCopyStart.  The device's state is saved when it stops.
Switchover ==
  /\ phase = "PRECOPY"
  /\ src_state = "PRE_COPY" => initial_bytes + dirty_bytes = 0
  /\ phase' = "STOPCOPY"
  /\ src_state' = IF src_state = "PRE_COPY" THEN "STOP_COPY" ELSE "STOP"
  /\ src_stop_ver' = src_device
  /\ action' = [tag |-> "Switchover"]
  /\ UNCHANGED <<flags, dst_state, src_device, guest_view, src_sent_ver, src_eof, src_read,
                 wire, dst_written, dst_device>>

\* vfio_save_complete_precopy on a device without PRE_COPY: STOP -> STOP_COPY
\* starts the saving session and returns its data_fd (a new fd: the device
\* had none).
StopCopyStart ==
  /\ phase = "STOPCOPY" /\ src_state = "STOP"
  /\ src_state' = "STOP_COPY"
  /\ action' = [tag |-> "StopCopyStart"]
  /\ UNCHANGED <<flags, phase, dst_state, src_device, guest_view, src_sent_ver, src_eof,
                 src_read, wire, dst_written, dst_device, src_stop_ver>>

\* save_live_complete_precopy: read() in STOP_COPY returns the final data,
\* the state the device saved when it entered STOP_COPY ...
StopCopyRead ==
  /\ phase = "STOPCOPY" /\ src_state = "STOP_COPY"
  /\ ~src_eof
  /\ Emit(Chunk(DeltaBase, src_stop_ver, TRUE))
  /\ src_eof' = TRUE
  /\ src_sent_ver' = src_stop_ver
  /\ action' = [tag |-> "StopCopyRead"]
  /\ UNCHANGED <<flags, phase, src_state, dst_state, src_device, guest_view,
                 dst_written, dst_device, src_stop_ver>>

\* ... then 0 (EOF) for ever.  QEMU ends the device's section on 0.  (A loop
\* that waits for -ENOMSG here instead keeps reading 0 and never ends.)
StopCopyEof ==
  /\ phase = "STOPCOPY" /\ src_eof
  /\ IF "WaitForEnomsgInStopCopy" \in Defects
       THEN UNCHANGED phase
       ELSE phase' = "COMPLETING"
  /\ action' = [tag |-> "StopCopyEof"]
  /\ UNCHANGED <<flags, src_state, dst_state, src_device, guest_view, src_sent_ver,
                 src_eof, src_read, wire, dst_written, dst_device, src_stop_ver>>

\* The migration stream delivers the next chunk; load_state writes it into
\* the resuming fd.
Deliver ==
  /\ wire # <<>>
  /\ dst_state = "RESUMING"
  /\ dst_written' = Append(dst_written, Head(wire))
  /\ wire' = Tail(wire)
  /\ action' = [tag |-> "Deliver"]
  /\ UNCHANGED <<flags, phase, src_state, dst_state, src_device, guest_view, src_sent_ver,
                 src_eof, src_read, dst_device, src_stop_ver>>

\* Faults on the way: the next chunk is lost, or the next two swap places
\* (multifd without its reorder buffer).
ChunkLost ==
  /\ "LOSS" \in NetFaults /\ wire # <<>>
  /\ wire' = Tail(wire)
  /\ action' = [tag |-> "ChunkLost"]
  /\ UNCHANGED <<flags, phase, src_state, dst_state, src_device, guest_view, src_sent_ver,
                 src_eof, src_read, dst_written, dst_device, src_stop_ver>>

ChunksReordered ==
  /\ "REORDER" \in NetFaults /\ Len(wire) >= 2
  /\ wire' = <<wire[2], wire[1]>> \o SubSeq(wire, 3, Len(wire))
  /\ action' = [tag |-> "ChunksReordered"]
  /\ UNCHANGED <<flags, phase, src_state, dst_state, src_device, guest_view, src_sent_ver,
                 src_eof, src_read, dst_written, dst_device, src_stop_ver>>

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

\* The VM starts on the destination: RESUMING -> STOP (load and validate)
\* -> RUNNING.  Success: the source's save_cleanup follows.  A rejected load
\* fails the migration; QEMU resets the destination device (RUNNING, nothing
\* loaded).
DestStart ==
  /\ phase = "COMPLETING"
  /\ wire = <<>>
  /\ IF LoadAccepts(dst_written)
       THEN /\ dst_state' = "RUNNING"
            /\ dst_device' = Loaded(dst_written)
            /\ phase' = "CLEANUP"
       ELSE /\ dst_state' = "RUNNING"
            /\ phase' = "RECOVER"
            /\ UNCHANGED dst_device
  /\ action' = [tag |-> "DestStart"]
  /\ UNCHANGED <<flags, src_state, src_device, guest_view, src_sent_ver, src_eof, src_read,
                 wire, dst_written, src_stop_ver>>

\* save_cleanup after success: STOP_COPY -> STOP, the saving fd is closed.
SaveCleanup ==
  /\ phase = "CLEANUP"
  /\ src_state' = "STOP"
  /\ phase' = "SUCCEEDED"
  /\ action' = [tag |-> "SaveCleanup"]
  /\ UNCHANGED <<flags, dst_state, src_device, guest_view, src_sent_ver, src_eof, src_read,
                 wire, dst_written, dst_device, src_stop_ver>>

\* The user cancels (migrate_cancel) before the destination has started.
Cancel ==
  /\ MayCancel
  /\ phase \in {"PRECOPY", "STOPCOPY", "COMPLETING"}
  /\ phase' = "RECOVER"
  /\ action' = [tag |-> "Cancel"]
  /\ UNCHANGED <<flags, src_state, dst_state, src_device, guest_view, src_sent_ver, src_eof,
                 src_read, wire, dst_written, dst_device, src_stop_ver>>

\* Failure handling: SET RUNNING on the source (from PRE_COPY: PRE_COPY ->
\* RUNNING; from STOP_COPY: STOP_COPY -> STOP -> RUNNING(_P2P) ...), the
\* saving session ends, the VM resumes.  The destination is torn down (reset:
\* RUNNING, nothing loaded).
ResumeSource ==
  /\ phase = "RECOVER"
  /\ phase' = "FAILED"
  /\ src_state' = IF "NoResumeOnFailure" \in Defects /\ src_state = "STOP_COPY"
                    THEN "STOP_COPY" ELSE "RUNNING"
  /\ src_device' = IF "RecoverByReset" \in Defects THEN 0 ELSE src_device
  /\ wire' = <<>>
  /\ dst_state' = "RUNNING"
  /\ action' = [tag |-> "ResumeSource"]
  /\ UNCHANGED <<flags, guest_view, src_sent_ver, src_eof, src_read, dst_written,
                 dst_device, src_stop_ver>>

\* Terminal phases stutter (a finished run is no deadlock).
Finished ==
  /\ phase \in {"SUCCEEDED", "FAILED"}
  /\ action' = [tag |-> "Finished"]
  /\ UNCHANGED <<flags, phase, src_state, dst_state, src_device, guest_view, src_sent_ver,
                 src_eof, src_read, wire, dst_written, dst_device, src_stop_ver>>

Orchestrate ==
  \/ MigrationStart \/ PrecopyRead \/ Switchover \/ StopCopyStart \/ StopCopyRead \/ StopCopyEof
  \/ Deliver \/ DestStart \/ SaveCleanup \/ ResumeSource

Next ==
  \/ GuestWork
  \/ MigrationStart
  \/ PrecopyRead
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
  \/ Finished

\* QEMU keeps migrating: weak fairness on each of its steps (the guest,
\* cancel and faults get none).
Spec == Init /\ [][Next]_vars
          /\ WF_vars(MigrationStart) /\ WF_vars(PrecopyRead) /\ WF_vars(Switchover)
          /\ WF_vars(StopCopyStart)
          /\ WF_vars(StopCopyRead) /\ WF_vars(StopCopyEof) /\ WF_vars(Deliver)
          /\ WF_vars(DestStart) /\ WF_vars(SaveCleanup) /\ WF_vars(ResumeSource)

-----------------------------------------------------------------------------
(* Invariants, in plain words.                                              *)

TypeOK ==
  /\ flags \in FlagSets
  /\ phase \in Phases
  /\ src_state \in States /\ dst_state \in States
  /\ src_device \in 0..MaxVersion /\ guest_view \in 0..MaxVersion
  /\ src_sent_ver \in -1..MaxVersion /\ src_eof \in BOOLEAN
  /\ src_read \in Seq(Chunks) /\ Len(src_read) <= MaxChunks
  /\ wire \in Seq(Chunks) /\ dst_written \in Seq(Chunks)
  /\ dst_device \in {Corrupt} \cup (-1..MaxVersion) /\ src_stop_ver \in -1..MaxVersion

\* Stream fidelity: a destination that started (CLEANUP, SUCCEEDED) loaded a
\* state, and a destination device that loaded successfully was fed
\* exactly the bytes read from the source's saving fd, in order and complete,
\* and holds the state the source device had when it stopped (built from
\* every chunk: with DeltaImages a stale or garbage pre-copy chunk shows here).
StreamFidelity ==
  /\ phase \in {"CLEANUP", "SUCCEEDED"} => dst_device # -1  \* a started destination loaded
  /\ dst_device # -1 => /\ dst_written = src_read
                     /\ Complete(dst_written)
                     /\ dst_device = src_stop_ver
                     /\ dst_device = guest_view

\* Quiescence of the stopped source: once it stopped, its state no longer
\* changes (until a failed migration resumes it).
SourceQuiescent ==
  phase \in {"STOPCOPY", "COMPLETING", "CLEANUP", "SUCCEEDED"} => src_device = src_stop_ver

\* Cleanup: after success the source device is in STOP; after a failure (or
\* cancel) it is RUNNING again.
SourceEndState ==
  /\ phase = "SUCCEEDED" => src_state = "STOP"
  /\ phase = "FAILED" => src_state = "RUNNING"

\* Nothing lost: whenever the source device runs, its state is what the guest
\* expects -- a failed or cancelled migration costs the guest nothing.
NothingLost == src_state = "RUNNING" /\ phase = "FAILED" => src_device = guest_view

-----------------------------------------------------------------------------
(* Liveness (under the fairness of Spec).                                   *)

\* Every migration ends, in success or in failure.
MigrationEnds == <>(phase \in {"SUCCEEDED", "FAILED"})
\* Without cancel and faults it succeeds.
MigrationSucceeds == (~MayCancel /\ NetFaults = {}) => <>(phase = "SUCCEEDED")
\* And the source ends where it must (STOP after success, RUNNING after failure).
SourceSettles == <>[](\/ phase = "SUCCEEDED" /\ src_state = "STOP"
                      \/ phase = "FAILED" /\ src_state = "RUNNING")
=============================================================================
