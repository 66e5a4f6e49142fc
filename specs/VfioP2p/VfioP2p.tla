------------------------------- MODULE VfioP2p -------------------------------
(***************************************************************************)
(* Several VFIO devices of one VM that can DMA into each other's BARs      *)
(* (peer-to-peer), migrated by QEMU (hw/vfio/migration.c, 8.2+).  The      *)
(* source VM's devices are stopped and the destination VM's devices are    *)
(* started with QEMU's two-phase policy (system/runstate.c vm_state_notify *)
(* runs every prepare callback, then every main callback):                 *)
(*  - stop: vfio_vmstate_change_prepare SETs RUNNING_P2P (PRE_COPY_P2P     *)
(*    from PRE_COPY) on every P2P-capable device, then vfio_vmstate_change *)
(*    SETs STOP (STOP_COPY from a PRE_COPY state) on every device;         *)
(*  - vfio_save_complete_precopy SETs STOP_COPY (STOP -> STOP_COPY opens   *)
(*    the saving fd of a device without PRE_COPY);                         *)
(*  - start: every P2P-capable device is SET RUNNING_P2P (from RESUMING),  *)
(*    then every device RUNNING;                                           *)
(*  - vfio_save_cleanup SETs STOP_COPY -> STOP on the source afterwards;   *)
(*  - at realize, migration is blocked when more than one device is        *)
(*    present and any of them lacks VFIO_MIGRATION_P2P                     *)
(*    (vfio_block_multiple_devices_migration).                             *)
(* Composition: a SET is not one atomic step.  QEMU issues it (the ioctl   *)
(* begins, set_target) and the kernel walks it one arc per step with       *)
(* VfioArcs' KernelNext (vfio_mig_get_next_state), so SET STOP from        *)
(* RUNNING passes through RUNNING_P2P when the device advertises P2P and   *)
(* RESUMING -> RUNNING_P2P passes through STOP.  Callbacks run one after   *)
(* another (each SET is a blocking ioctl under the big QEMU lock): at most *)
(* one SET is in flight per host; the order among devices is left free     *)
(* (QEMU's fixed order, reverse registration on stop and forward on start, *)
(* is one of them).                                                        *)
(* P2P writes are in flight between devices of the same host; a write that *)
(* lands on a device that cannot accept it (STOP, STOP_COPY, RESUMING) is  *)
(* lost (the device drops it: p2p_lost counts it).                         *)
(* Failures, as QEMU handles them (hw/vfio/migration.c): an arc of a SET    *)
(* issued by a run-state callback may fail (FailableArcs); the callbacks    *)
(* use vfio_migration_set_state_or_reset, so QEMU resets the device         *)
(* (VFIO_DEVICE_RESET: RUNNING, device state lost) and vm_state_notify      *)
(* still runs every other callback (it cannot report a failure); on the     *)
(* source migration_file_set_error makes the migration fail afterwards, on  *)
(* the destination the error is only logged and the VM starts.  A failed    *)
(* or cancelled migration restarts the source: vm_start's two-phase         *)
(* vm_state_notify(true) when the VM was running, then vfio_save_cleanup    *)
(* (STOP_COPY -> STOP) and the MIG_EVENT_PRECOPY_FAILED notifier            *)
(* (vfio_migration_state_notifier: SET RUNNING on each device, one at a     *)
(* time, whatever the VM's run state).                                      *)
(* The user may pause and resume the source VM during pre-copy (UserPause:  *)
(* QMP stop, then cont; qmp_stop -> vm_stop(RUN_STATE_PAUSED), qmp_cont ->  *)
(* vm_start, monitor/qmp-cmds.c): vfio_vmstate_change takes a device in     *)
(* PRE_COPY(_P2P) to STOP_COPY when the new run state is PAUSED (the saving *)
(* session survives), and the resume takes it back to RUNNING, which the    *)
(* kernel walks through STOP: STOP_COPY -> STOP ends the saving session     *)
(* (vfio.h).  QEMU's data_fd (VFIOMigration.data_fd) is modelled against    *)
(* the kernel's session: vfio_migration_set_state takes the fd a SET        *)
(* returns only when it holds none, and otherwise closes it and fails with  *)
(* "data_fd out of sync" (-EBADF); vfio_save_cleanup closes it             *)
(* (vfio_migration_cleanup).  QEMU reads pre-copy data only while its       *)
(* device_state is PRE_COPY(_P2P) (vfio_is_active_iterate), when its fd is *)
(* the live session's (those reads are not steps here), and the final data *)
(* in vfio_save_complete_precopy; a read on an fd whose session ended fails *)
(* (-ENODEV: mlx5vf_save_read, hisi_acc_vf_save_read) and so does the      *)
(* migration.                                                              *)
(***************************************************************************)
EXTENDS Integers, FiniteSets

CONSTANTS
  Devices,         \* the VM's VFIO devices
  P2PDevices,      \* those advertising VFIO_MIGRATION_P2P
  PreCopyDevices,  \* those advertising VFIO_MIGRATION_PRE_COPY
  FailableArcs,    \* arcs <<from, to>> a driver may fail in a run-state callback's SET
                   \* (mlx5: RUNNING -> RUNNING_P2P is a firmware SUSPEND command,
                   \* mlx5vf_cmd_suspend_vhca; RESUMING -> STOP loads the image,
                   \* mlx5vf_cmd_load_vhca_state, and fails on a rejected one)
  MaxFailures,     \* arc failures per behaviour
  ResetDeviceInitiatesP2P,
                   \* TRUE: a device just reset by VFIO_DEVICE_RESET may initiate P2P
                   \* before the guest driver reprograms it; FALSE: after the reset
                   \* (an FLR: queues and DMA engines unconfigured) it initiates
                   \* nothing until the guest runs again and sets it up.  The host
                   \* does not keep it off the bus: pci_try_reset_function restores
                   \* the saved Command register (Bus Master Enable) after pcie_flr.
                   \* 82599 VF: Tx stays off (ixgbe_vf_reset_event leaves PVFTXDCTL
                   \* disabled; ixgbevf re-enables it after its reset handshake); Rx
                   \* is not shown to stop (VFRXDCTL is not reset by VFLR, per the
                   \* 82599 specification update in shared/reference/82599-vf.md), so
                   \* both values are modelled (specs/findings.md, scenario 2)
  VmPaused,        \* TRUE: the user paused the VM (QMP stop) before the migration
  CpuMmio,         \* TRUE: the guest's vCPUs (initiator 0) also store into the devices'
                   \* BARs (MMIO), which they can do only while they run
  MigrationMayFail,\* TRUE: the migration may be cancelled (QMP migrate_cancel) or fail
                   \* (stream error, destination gone) while QEMU is between callbacks
  UserPause,       \* TRUE: the user may pause the running source VM once during pre-copy
                   \* (QMP stop: vm_stop(RUN_STATE_PAUSED)) and may later resume it (QMP
                   \* cont: vm_start); FALSE: nobody touches the run state mid-migration
  Defects          \* injected bugs, see DefectNames

DefectNames ==
  { "NoPreparePhase",        \* stop runs the main arcs only (QEMU before 8.2's prepare callback)
    "NoMigrationBlocker",    \* several devices, one without P2P, migration still allowed
    "StartBeforeAllLoaded",  \* destination starts devices without the RUNNING_P2P barrier
    "PrepareDoesNotDrain",   \* the arc out of RUNNING/PRE_COPY returns with own P2P writes outstanding
    "PrepareWaitsForAll",    \* the main phase waits for EVERY device to reach *_P2P
    "PrepareWithoutP2p",     \* a prepare callback registered for a device without P2P
                             \* (vfio_migration_init registers it only with VFIO_MIGRATION_P2P)
    "StopBeforeVcpuPause",   \* vm_state_notify(false) runs before the vCPUs are paused
    "NoResetOnFailure",      \* a failed SET leaves the device as the kernel left it (no
                             \* VFIO_DEVICE_RESET: vfio_migration_set_state without its
                             \* reset_device path)
    "AdoptNewFd",            \* a SET that returns a new data_fd while QEMU still holds one:
                             \* QEMU drops the old fd and migrates from the new session
                             \* (instead of vfio_migration_set_state's "data_fd out of sync")
    "SourceFailureIgnored" } \* a failed SET on a source device does not fail the migration
                             \* (vfio_vmstate_change(_prepare) without migration_file_set_error:
                             \* the error is only logged, as vm_state_notify reports none)

ASSUME P2PDevices \subseteq Devices /\ PreCopyDevices \subseteq Devices
ASSUME Defects \subseteq DefectNames
ASSUME MaxFailures \in Nat /\ ResetDeviceInitiatesP2P \in BOOLEAN
ASSUME VmPaused \in BOOLEAN /\ MigrationMayFail \in BOOLEAN /\ CpuMmio \in BOOLEAN
ASSUME UserPause \in BOOLEAN
ASSUME 0 \notin Devices

\* The kernel's arc algorithm, as a correct kernel runs it (the 2026 skip-loop fix in).
Arcs == INSTANCE VfioArcs WITH SkipLoopFixed <- TRUE, Defects <- {}

Hosts == {"SRC", "DST"}
\* Who writes into a device's BAR: its peers, and the vCPUs (0) with CpuMmio.
Initiators == Devices \cup (IF CpuMmio THEN {0} ELSE {})
States == Arcs!States
\* VFIO_DEVICE_FEATURE_MIGRATION flags of device d: STOP_COPY (1), P2P (2), PRE_COPY (4).
Flags(d) == 1 + (IF d \in P2PDevices THEN 2 ELSE 0) + (IF d \in PreCopyDevices THEN 4 ELSE 0)
\* vfio.h: states in which a device may initiate P2P DMA ...
InitiateP2P == {"RUNNING", "PRE_COPY"}
\* ... and in which it must accept incoming P2P (the *_P2P states still do).
AcceptP2P == {"RUNNING", "PRE_COPY", "RUNNING_P2P", "PRE_COPY_P2P"}
Stopped == {"STOP", "STOP_COPY", "RESUMING"}
NoSet == "NONE"
ResetPending == "RESET"   \* set_target while QEMU resets the device after a failed SET

\* vfio_block_multiple_devices_migration.
BlockedConfig == Cardinality(Devices) > 1 /\ P2PDevices # Devices
MigrationAllowed == ~BlockedConfig \/ "NoMigrationBlocker" \in Defects

\* VM_RUNNING: no migration yet (the VM runs, or stays paused when VmPaused).
\* FAILED .. NOTIFY: the source after a failed or cancelled migration;
\* SRC_RESUMED: the source VM is back (running, or paused when VmPaused).
FailPhases == {"FAILED", "RESTART_PREPARE", "RESTART_MAIN", "FAIL_CLEANUP", "NOTIFY"}
\* PAUSE_* / CONT_*: vm_state_notify(false, PAUSED) and vm_state_notify(true,
\* RUNNING) of a user's stop and cont during pre-copy.
PausePhases == {"PAUSE_PREPARE", "PAUSE_MAIN", "CONT_PREPARE", "CONT_MAIN"}
Phases == {"VM_RUNNING", "SETUP", "STOP_PREPARE", "STOP_MAIN", "COMPLETE", "LOAD",
           "START_PREPARE", "START_MAIN", "CLEANUP", "DONE", "SRC_RESUMED", "REFUSED"}
          \cup FailPhases \cup PausePhases
\* Phases whose SETs come from vm_state_notify's callbacks (set_state_or_reset).
RunStatePhases == {"STOP_PREPARE", "STOP_MAIN", "START_PREPARE", "START_MAIN",
                   "RESTART_PREPARE", "RESTART_MAIN"} \cup PausePhases
\* Phases in which the migration still reads the source devices' data_fds.
MigratingPhases == {"SETUP", "STOP_PREPARE", "STOP_MAIN", "COMPLETE"} \cup PausePhases
\* vfio.h: the saving group shares one data transfer session.
SavingStates == {"PRE_COPY", "PRE_COPY_P2P", "STOP_COPY"}

VARIABLES
  action,        \* history: [tag |-> name, params...] of the last step
  device_state,  \* [<<host, device>> |-> vfio_device_mig_state name]
  set_target,    \* [<<host, device>> |-> target of the SET ioctl in flight, or "NONE"]
  called,        \* devices whose callback of the current phase QEMU has issued
  p2p_inflight,  \* P2P writes issued but not landed: <<host, initiator, target>>
  p2p_lost,      \* P2P writes that landed on a device unable to accept them
  phase,         \* where QEMU's save (source) and load (destination) paths are
  failures,      \* arc failures so far
  reset_devs,    \* <<host, device>> reset by QEMU after a failed SET (device state lost)
  mig_error,     \* migration_file_set_error was called: the source's stream has failed
  qemu_fd,       \* [d |-> n]: QEMU's data_fd of source device d is the fd of d's n-th
                 \* saving session (0: QEMU holds none)
  kernel_fd,     \* [d |-> n]: source device d's n-th saving session is live and its fd
                 \* is open (0: no such session)
  sent,          \* <<d, n>>: the stream carries the final (STOP_COPY) data of d's n-th
                 \* saving session
  user_run       \* the user's stop/cont during pre-copy: "NONE", "PAUSED", "RESUMED"

vars == <<action, device_state, set_target, called, p2p_inflight, p2p_lost, phase,
          failures, reset_devs, mig_error, qemu_fd, kernel_fd, sent, user_run>>
fvars == <<failures, reset_devs, mig_error>>
svars == <<qemu_fd, kernel_fd, sent, user_run>>

Init ==
  /\ action = [tag |-> "Init"]
  \* the source VM runs; the destination's devices sit in RESUMING after
  \* load_setup (its VM has not started, nothing drives them).
  \* A VM paused before the migration had vm_state_notify(false, PAUSED) take
  \* its devices to STOP (through RUNNING_P2P).
  /\ device_state = [hd \in Hosts \X Devices |->
                      IF hd[1] = "DST" THEN "RESUMING" ELSE IF VmPaused THEN "STOP" ELSE "RUNNING"]
  /\ set_target = [hd \in Hosts \X Devices |-> NoSet]
  /\ called = {}
  /\ p2p_inflight = {}
  /\ p2p_lost = 0
  /\ phase = "VM_RUNNING"
  /\ failures = 0
  /\ reset_devs = {}
  /\ mig_error = FALSE
  /\ qemu_fd = [d \in Devices |-> 0]
  /\ kernel_fd = [d \in Devices |-> 0]
  /\ sent = {}
  /\ user_run = "NONE"

St(h, d) == device_state[<<h, d>>]
Tgt(h, d) == set_target[<<h, d>>]
Busy(h, d) == Tgt(h, d) # NoSet
HostIdle(h) == \A e \in Devices : ~Busy(h, e)
\* The kernel's next hop of the SET in flight on <<h, d>> (vfio_mig_get_next_state).
\* vfio_mig_get_next_state for the flag sets of this VM's devices, as a
\* constant table (TLC evaluates it once, for these flag sets only).
KernelTbl == [f \in {Flags(d) : d \in Devices} |->
               [c \in States |-> [t \in States |-> Arcs!KernelNext(c, t, f)]]]
NextHop(h, d) ==
  IF Tgt(h, d) \in States THEN KernelTbl[Flags(d)][St(h, d)][Tgt(h, d)] ELSE "NONE"
Legal(n) == n \in States \ {"ERROR"}
\* The guest's vCPUs run on host h (do_vm_stop pauses them before the stop
\* callbacks; vm_start resumes them after the start callbacks).
\* The source VM is paused: before the migration (VmPaused) or by the user mid-way.
SrcPaused == VmPaused \/ user_run = "PAUSED"
VcpusRun(h) ==
  IF h = "SRC"
    THEN ~SrcPaused /\ (\/ phase \in {"VM_RUNNING", "SETUP", "SRC_RESUMED", "REFUSED"}
                      \/ ("StopBeforeVcpuPause" \in Defects /\ phase \in {"STOP_PREPARE", "STOP_MAIN"}))
    ELSE phase \in {"CLEANUP", "DONE"}
Outstanding(h, d) == \E w \in p2p_inflight : w[1] = h /\ w[2] = d
HostOf(hd) == hd[1]

\* QEMU issues SET t on <<h, d>> (the ioctl begins; a SET to the current
\* state returns at once) and records the callback as run.
IssueSet(h, d, t) ==
  /\ set_target' = [set_target EXCEPT ![<<h, d>>] = IF St(h, d) = t THEN NoSet ELSE t]
  /\ called' = called \cup {d}

-----------------------------------------------------------------------------
(* Device traffic.                                                          *)

\* Device s of host h starts a P2P write into device t's BAR: it must be in an
\* initiating state, and not in a SET whose next arc leaves those states (the
\* driver stops new outbound P2P when that arc begins).  s = 0: a vCPU stores
\* into t's BAR, which only a running vCPU does.
P2pIssue(h, s, t) ==
  /\ s # t
  /\ IF s = 0
       THEN VcpusRun(h)
       ELSE /\ St(h, s) \in InitiateP2P
            /\ ~(Busy(h, s) /\ NextHop(h, s) \notin InitiateP2P)
            /\ <<h, s>> \in reset_devs => (ResetDeviceInitiatesP2P \/ VcpusRun(h))
  /\ <<h, s, t>> \notin p2p_inflight
  /\ p2p_inflight' = p2p_inflight \cup {<<h, s, t>>}
  /\ action' = [tag |-> "P2pIssue", host |-> h, initiator |-> s, target |-> t]
  /\ UNCHANGED <<device_state, set_target, called, p2p_lost, phase>>
  /\ UNCHANGED fvars
  /\ UNCHANGED svars

\* The write lands: accepted, or lost if the target cannot accept P2P now.
\* A device in ERROR is about to be reset: what it absorbs goes with its
\* state (NoSilentStateLoss), it is not counted here.  The count saturates
\* at 2 (more is no news, and it keeps the state space finite).
P2pLand(h, s, t) ==
  /\ <<h, s, t>> \in p2p_inflight
  /\ p2p_inflight' = p2p_inflight \ {<<h, s, t>>}
  /\ p2p_lost' = IF St(h, t) \in AcceptP2P \cup {"ERROR"} THEN p2p_lost
                 ELSE IF p2p_lost < 2 THEN p2p_lost + 1 ELSE 2
  /\ action' = [tag |-> "P2pLand", host |-> h, initiator |-> s, target |-> t]
  /\ UNCHANGED <<device_state, set_target, called, phase>>
  /\ UNCHANGED fvars
  /\ UNCHANGED svars

-----------------------------------------------------------------------------
(* The kernel: one arc of the SET in flight.                                *)

\* The arc St -> NextHop opens a saving session (RUNNING -> PRE_COPY, STOP ->
\* STOP_COPY) or ends one (out of the saving group: its fd is disabled).  The
\* SET returns the new session's fd; vfio_migration_set_state takes it when
\* QEMU holds no data_fd, and otherwise closes it and fails the SET (-EBADF,
\* "data_fd out of sync"): the error fails the migration.
OpensSession(h, d) == h = "SRC" /\ St(h, d) \notin SavingStates /\ NextHop(h, d) \in SavingStates
ClosesSession(h, d) == h = "SRC" /\ St(h, d) \in SavingStates /\ NextHop(h, d) \notin SavingStates
FdOutOfSync(h, d) == OpensSession(h, d) /\ qemu_fd[d] # 0 /\ "AdoptNewFd" \notin Defects

\* Once the migration has failed, QEMU never reads its data_fds again: it
\* only closes them in vfio_save_cleanup.  The spec stops tracking them (and
\* the stream) there, so that failed runs differing only in which stale fd
\* QEMU still holds are not told apart.
ForgetFds ==
  /\ qemu_fd' = [d \in Devices |-> 0]
  /\ kernel_fd' = [d \in Devices |-> 0]
  /\ sent' = {}

\* vfio_save_cleanup (vfio_migration_cleanup) closes QEMU's data_fds; a
\* session whose only fd is closed is gone for QEMU and for the kernel.  The
\* stream is over too (sent is forgotten: it keeps finished runs that differ
\* only in it from being told apart).
CloseFds ==
  /\ qemu_fd' = [d \in Devices |-> 0]
  /\ kernel_fd' = [d \in Devices |-> 0]
  /\ sent' = {}

\* The arc St -> NextHop succeeds.  An arc out of the initiating states
\* (RUNNING, PRE_COPY) returns only once the device's own outstanding P2P
\* writes have completed (vfio.h, RUNNING_P2P: "all outbound P2P ... complete").
\* A vCPU store already posted to the device arrives before the driver's own
\* commands for the arc (PCIe ordering: a posted write is not passed by later
\* posted writes on the same path).  The ioctl returns when the device
\* reaches the target.
ArcStep(h, d) ==
  /\ Busy(h, d)
  /\ Legal(NextHop(h, d))
  /\ (St(h, d) \in InitiateP2P /\ NextHop(h, d) \notin InitiateP2P)
       => (~Outstanding(h, d) \/ "PrepareDoesNotDrain" \in Defects)
  /\ <<h, 0, d>> \notin p2p_inflight
  /\ device_state' = [device_state EXCEPT ![<<h, d>>] = NextHop(h, d)]
  /\ set_target' = [set_target EXCEPT ![<<h, d>>] =
                      IF NextHop(h, d) = Tgt(h, d) THEN NoSet ELSE Tgt(h, d)]
  \* the saving session and the data_fd (source only)
  /\ qemu_fd' = IF OpensSession(h, d) /\ ~FdOutOfSync(h, d)
                  THEN [qemu_fd EXCEPT ![d] = qemu_fd[d] + 1] ELSE qemu_fd
  /\ kernel_fd' = CASE OpensSession(h, d) /\ ~FdOutOfSync(h, d) ->
                         [kernel_fd EXCEPT ![d] = qemu_fd[d] + 1]
                     [] ClosesSession(h, d) -> [kernel_fd EXCEPT ![d] = 0]
                     [] OTHER -> kernel_fd
  /\ mig_error' = (mig_error \/ FdOutOfSync(h, d))
  /\ action' = [tag |-> "ArcStep", host |-> h, device |-> d, to |-> NextHop(h, d)]
  /\ UNCHANGED <<called, p2p_inflight, p2p_lost, phase, failures, reset_devs, sent, user_run>>

\* A failed SET on a source device fails the migration: vfio_vmstate_change
\* and vfio_vmstate_change_prepare call migration_file_set_error when
\* vfio_migration_set_state_or_reset returns an error.  The destination has no
\* outgoing stream to fail.
SourceFailureFails(h) == h = "SRC" /\ "SourceFailureIgnored" \notin Defects

\* The driver fails the arc St -> NextHop of a SET issued by a run-state
\* callback; the device is left in ERROR (the uAPI allows ERROR or a state of
\* the path; QEMU resets in both cases).  vfio_migration_set_state_or_reset
\* then resets it, unless NoResetOnFailure.  On the source the stream is
\* failed (migration_file_set_error); the destination has no stream to fail.
ArcFails(h, d) ==
  /\ Busy(h, d) /\ phase \in RunStatePhases
  /\ failures < MaxFailures
  /\ <<St(h, d), NextHop(h, d)>> \in FailableArcs
  /\ device_state' = [device_state EXCEPT ![<<h, d>>] = "ERROR"]
  /\ set_target' = [set_target EXCEPT ![<<h, d>>] =
                      IF "NoResetOnFailure" \in Defects THEN NoSet ELSE ResetPending]
  /\ failures' = failures + 1
  /\ mig_error' = (mig_error \/ SourceFailureFails(h))
  /\ action' = [tag |-> "ArcFails", host |-> h, device |-> d]
  /\ UNCHANGED <<called, p2p_inflight, p2p_lost, phase, reset_devs>>
  \* a device in ERROR has no session (its fd is disabled)
  /\ kernel_fd' = IF h = "SRC" THEN [kernel_fd EXCEPT ![d] = 0] ELSE kernel_fd
  /\ UNCHANGED <<qemu_fd, sent, user_run>>

\* The kernel rejects the SET in flight (EINVAL: no legal next hop, e.g. from
\* ERROR); QEMU resets the device as after a failed arc.
SetRejected(h, d) ==
  /\ Busy(h, d) /\ Tgt(h, d) # ResetPending
  /\ ~Legal(NextHop(h, d))
  /\ set_target' = [set_target EXCEPT ![<<h, d>>] =
                      IF "NoResetOnFailure" \in Defects THEN NoSet ELSE ResetPending]
  /\ mig_error' = (mig_error \/ SourceFailureFails(h))
  /\ action' = [tag |-> "SetRejected", host |-> h, device |-> d]
  /\ UNCHANGED <<device_state, called, p2p_inflight, p2p_lost, phase, failures, reset_devs>>
  /\ UNCHANGED svars

\* VFIO_DEVICE_RESET (vfio_migration_set_state's reset_device path): the
\* device is RUNNING with its state lost.  The reset waits for the device's
\* outstanding transactions (pcie_flr: pci_wait_for_pending_transaction); its
\* P2P writes already issued land first.  The reset ends the device's saving
\* session; QEMU keeps its data_fd (the reset_device path does not close it).
DeviceReset(h, d) ==
  /\ Tgt(h, d) = ResetPending
  /\ ~Outstanding(h, d)
  /\ device_state' = [device_state EXCEPT ![<<h, d>>] = "RUNNING"]
  /\ set_target' = [set_target EXCEPT ![<<h, d>>] = NoSet]
  /\ reset_devs' = reset_devs \cup {<<h, d>>}
  /\ action' = [tag |-> "DeviceReset", host |-> h, device |-> d]
  /\ UNCHANGED <<called, p2p_inflight, p2p_lost, phase, failures, mig_error>>
  /\ kernel_fd' = IF h = "SRC" THEN [kernel_fd EXCEPT ![d] = 0] ELSE kernel_fd
  /\ UNCHANGED <<qemu_fd, sent, user_run>>

-----------------------------------------------------------------------------
(* QEMU, source side.                                                       *)

\* Migration starts (unless a blocker was registered at realize).
StartMigration ==
  /\ phase = "VM_RUNNING"
  /\ MigrationAllowed
  /\ phase' = "SETUP"
  /\ called' = {}
  /\ action' = [tag |-> "StartMigration"]
  /\ UNCHANGED <<device_state, set_target, p2p_inflight, p2p_lost>>
  /\ UNCHANGED fvars
  /\ UNCHANGED svars

\* vfio_save_setup: SET PRE_COPY on a PRE_COPY-capable device.
SaveSetup(d) ==
  /\ phase = "SETUP" /\ HostIdle("SRC")
  /\ d \in PreCopyDevices /\ d \notin called
  \* a device already stopped (paused VM) is left in STOP
  /\ IssueSet("SRC", d, IF St("SRC", d) = "RUNNING" THEN "PRE_COPY" ELSE St("SRC", d))
  /\ action' = [tag |-> "SaveSetup", device |-> d]
  /\ UNCHANGED <<device_state, p2p_inflight, p2p_lost, phase>>
  /\ UNCHANGED fvars
  /\ UNCHANGED svars

\* Pre-copy converged: vCPUs pause (do_vm_stop) and vm_state_notify(false)
\* begins.  A paused VM (paused before the migration, or by the user during
\* it) is not notified again (vm_stop_force_state only sets the run state):
\* save_complete follows at once.
Switchover ==
  /\ phase = "SETUP" /\ HostIdle("SRC")
  /\ PreCopyDevices \subseteq called
  /\ phase' = CASE SrcPaused -> "COMPLETE"
                 [] "NoPreparePhase" \in Defects -> "STOP_MAIN"
                 [] OTHER -> "STOP_PREPARE"
  /\ called' = {}
  /\ action' = [tag |-> "Switchover"]
  /\ UNCHANGED <<device_state, set_target, p2p_inflight, p2p_lost>>
  /\ UNCHANGED fvars
  /\ UNCHANGED svars

\* vfio_vmstate_change_prepare(running = false): SET RUNNING_P2P, or
\* PRE_COPY_P2P when the device is in PRE_COPY.
StopPrepare(d) ==
  /\ phase = "STOP_PREPARE" /\ HostIdle("SRC")
  /\ d \in P2PDevices \/ "PrepareWithoutP2p" \in Defects
  /\ d \notin called
  /\ IssueSet("SRC", d, IF St("SRC", d) = "PRE_COPY" THEN "PRE_COPY_P2P" ELSE "RUNNING_P2P")
  /\ action' = [tag |-> "StopPrepare", device |-> d]
  /\ UNCHANGED <<device_state, p2p_inflight, p2p_lost, phase>>
  /\ UNCHANGED fvars
  /\ UNCHANGED svars

EndStopPrepare ==
  /\ phase = "STOP_PREPARE" /\ HostIdle("SRC")
  /\ P2PDevices \subseteq called
  /\ "PrepareWaitsForAll" \in Defects =>
       \A d \in Devices : St("SRC", d) \in {"RUNNING_P2P", "PRE_COPY_P2P"}
  /\ phase' = "STOP_MAIN"
  /\ called' = {}
  /\ action' = [tag |-> "EndStopPrepare"]
  /\ UNCHANGED <<device_state, set_target, p2p_inflight, p2p_lost>>
  /\ UNCHANGED fvars
  /\ UNCHANGED svars

\* vfio_vmstate_change(running = false): SET STOP_COPY from a PRE_COPY state
\* (the session survives), else STOP.
StopMain(d) ==
  /\ phase = "STOP_MAIN" /\ HostIdle("SRC")
  /\ d \notin called
  /\ IssueSet("SRC", d, IF St("SRC", d) \in {"PRE_COPY", "PRE_COPY_P2P"} THEN "STOP_COPY" ELSE "STOP")
  /\ action' = [tag |-> "StopMain", device |-> d]
  /\ UNCHANGED <<device_state, p2p_inflight, p2p_lost, phase>>
  /\ UNCHANGED fvars
  /\ UNCHANGED svars

\* After the stop, a failed stream (a failed callback) fails the migration:
\* save_complete never runs.
EndStopMain ==
  /\ phase = "STOP_MAIN" /\ HostIdle("SRC")
  /\ called = Devices
  /\ phase' = IF mig_error THEN "FAILED" ELSE "COMPLETE"
  /\ called' = {}
  /\ IF mig_error THEN ForgetFds ELSE UNCHANGED <<qemu_fd, kernel_fd, sent>>
  /\ action' = [tag |-> "EndStopMain"]
  /\ UNCHANGED <<device_state, set_target, p2p_inflight, p2p_lost>>
  /\ UNCHANGED fvars
  /\ UNCHANGED user_run

\* vfio_save_complete_precopy: SET STOP_COPY (STOP -> STOP_COPY opens the
\* saving fd of a device without PRE_COPY); its data is read to the end.
SaveComplete(d) ==
  /\ phase = "COMPLETE" /\ HostIdle("SRC")
  /\ d \notin called
  /\ IssueSet("SRC", d, "STOP_COPY")
  /\ action' = [tag |-> "SaveComplete", device |-> d]
  /\ UNCHANGED <<device_state, p2p_inflight, p2p_lost, phase>>
  /\ UNCHANGED fvars
  /\ UNCHANGED svars

\* vfio_save_complete_precopy reads each device's final data from QEMU's
\* data_fd to EOF: it succeeds when that fd is the device's live STOP_COPY
\* session, and fails otherwise (-ENODEV on a disabled fd, or no fd); the
\* failure, or an earlier SET error, fails the migration.
Readable(d) == St("SRC", d) = "STOP_COPY" /\ qemu_fd[d] # 0 /\ kernel_fd[d] = qemu_fd[d]
EndSaveComplete ==
  /\ phase = "COMPLETE" /\ HostIdle("SRC")
  /\ called = Devices
  /\ mig_error' = (mig_error \/ \E d \in Devices : ~Readable(d))
  /\ phase' = IF mig_error' THEN "FAILED" ELSE "LOAD"
  /\ called' = {}
  /\ IF mig_error' THEN ForgetFds
                    ELSE /\ sent' = sent \cup {<<d, qemu_fd[d]>> : d \in Devices}
                         /\ UNCHANGED <<qemu_fd, kernel_fd>>
  /\ action' = [tag |-> "EndSaveComplete"]
  /\ UNCHANGED <<device_state, set_target, p2p_inflight, p2p_lost>>
  /\ UNCHANGED <<failures, reset_devs, user_run>>

-----------------------------------------------------------------------------
(* QEMU, source side: the user's stop and cont during pre-copy            *)
(* (qmp_stop -> vm_stop(RUN_STATE_PAUSED): do_vm_stop pauses the           *)
(* vCPUs, then vm_state_notify(false, PAUSED); qmp_cont -> vm_start:         *)
(* vm_state_notify(true, RUNNING), then the vCPUs resume).  The migration    *)
(* thread keeps iterating meanwhile.                                         *)

\* QMP stop while the running VM is migrated (after save_setup).
UserStop ==
  /\ UserPause /\ user_run = "NONE" /\ ~VmPaused
  /\ phase = "SETUP" /\ HostIdle("SRC") /\ PreCopyDevices \subseteq called
  /\ user_run' = "PAUSED"
  /\ phase' = "PAUSE_PREPARE"
  /\ called' = {}
  /\ action' = [tag |-> "UserStop"]
  /\ UNCHANGED <<device_state, set_target, p2p_inflight, p2p_lost>>
  /\ UNCHANGED fvars
  /\ UNCHANGED <<qemu_fd, kernel_fd, sent>>

\* vfio_vmstate_change_prepare(running = false, PAUSED): as on switchover.
PausePrepare(d) ==
  /\ phase = "PAUSE_PREPARE" /\ HostIdle("SRC")
  /\ d \in P2PDevices /\ d \notin called
  /\ IssueSet("SRC", d, IF St("SRC", d) = "PRE_COPY" THEN "PRE_COPY_P2P" ELSE "RUNNING_P2P")
  /\ action' = [tag |-> "PausePrepare", device |-> d]
  /\ UNCHANGED <<device_state, p2p_inflight, p2p_lost, phase>>
  /\ UNCHANGED fvars
  /\ UNCHANGED svars

EndPausePrepare ==
  /\ phase = "PAUSE_PREPARE" /\ HostIdle("SRC")
  /\ P2PDevices \subseteq called
  /\ phase' = "PAUSE_MAIN"
  /\ called' = {}
  /\ action' = [tag |-> "EndPausePrepare"]
  /\ UNCHANGED <<device_state, set_target, p2p_inflight, p2p_lost>>
  /\ UNCHANGED fvars
  /\ UNCHANGED svars

\* vfio_vmstate_change(running = false, RUN_STATE_PAUSED): STOP_COPY from a
\* PRE_COPY state (the saving session survives), else STOP.
PauseMain(d) ==
  /\ phase = "PAUSE_MAIN" /\ HostIdle("SRC")
  /\ d \notin called
  /\ IssueSet("SRC", d, IF St("SRC", d) \in {"PRE_COPY", "PRE_COPY_P2P"} THEN "STOP_COPY" ELSE "STOP")
  /\ action' = [tag |-> "PauseMain", device |-> d]
  /\ UNCHANGED <<device_state, p2p_inflight, p2p_lost, phase>>
  /\ UNCHANGED fvars
  /\ UNCHANGED svars

\* The VM is paused; the migration goes on iterating (save_setup is done).
EndPauseMain ==
  /\ phase = "PAUSE_MAIN" /\ HostIdle("SRC")
  /\ called = Devices
  /\ phase' = "SETUP"
  /\ called' = PreCopyDevices
  /\ action' = [tag |-> "EndPauseMain"]
  /\ UNCHANGED <<device_state, set_target, p2p_inflight, p2p_lost>>
  /\ UNCHANGED fvars
  /\ UNCHANGED svars

\* QMP cont while the migration is still in pre-copy (qmp_cont refuses only
\* in FINISH_MIGRATE): vm_start.
UserCont ==
  /\ user_run = "PAUSED"
  /\ phase = "SETUP" /\ HostIdle("SRC")
  /\ phase' = "CONT_PREPARE"
  /\ called' = {}
  /\ action' = [tag |-> "UserCont"]
  /\ UNCHANGED <<device_state, set_target, p2p_inflight, p2p_lost>>
  /\ UNCHANGED fvars
  /\ UNCHANGED svars

\* vfio_vmstate_change_prepare(running = true): RUNNING_P2P (the kernel walks
\* STOP_COPY -> STOP -> RUNNING_P2P, ending the saving session).
ContPrepare(d) ==
  /\ phase = "CONT_PREPARE" /\ HostIdle("SRC")
  /\ d \in P2PDevices /\ d \notin called
  /\ IssueSet("SRC", d, IF St("SRC", d) = "PRE_COPY" THEN "PRE_COPY_P2P" ELSE "RUNNING_P2P")
  /\ action' = [tag |-> "ContPrepare", device |-> d]
  /\ UNCHANGED <<device_state, p2p_inflight, p2p_lost, phase>>
  /\ UNCHANGED fvars
  /\ UNCHANGED svars

EndContPrepare ==
  /\ phase = "CONT_PREPARE" /\ HostIdle("SRC")
  /\ P2PDevices \subseteq called
  /\ phase' = "CONT_MAIN"
  /\ called' = {}
  /\ action' = [tag |-> "EndContPrepare"]
  /\ UNCHANGED <<device_state, set_target, p2p_inflight, p2p_lost>>
  /\ UNCHANGED fvars
  /\ UNCHANGED svars

\* vfio_vmstate_change(running = true): RUNNING.
ContMain(d) ==
  /\ phase = "CONT_MAIN" /\ HostIdle("SRC")
  /\ d \notin called
  /\ IssueSet("SRC", d, "RUNNING")
  /\ action' = [tag |-> "ContMain", device |-> d]
  /\ UNCHANGED <<device_state, p2p_inflight, p2p_lost, phase>>
  /\ UNCHANGED fvars
  /\ UNCHANGED svars

\* The vCPUs resume; the migration goes on (now with the devices RUNNING).
EndContMain ==
  /\ phase = "CONT_MAIN" /\ HostIdle("SRC")
  /\ called = Devices
  /\ phase' = "SETUP"
  /\ called' = PreCopyDevices
  /\ user_run' = "RESUMED"
  /\ action' = [tag |-> "EndContMain"]
  /\ UNCHANGED <<device_state, set_target, p2p_inflight, p2p_lost>>
  /\ UNCHANGED fvars
  /\ UNCHANGED <<qemu_fd, kernel_fd, sent>>

-----------------------------------------------------------------------------
(* QEMU, source side after a failure or a cancel (migration_iteration_finish, *)
(* then migration_cleanup: vfio_save_cleanup, then the notifiers).           *)

\* A cancel or a stream failure noticed between callbacks: during pre-copy
\* (the VM was never stopped: vm_start has nothing to do) or after the stop.
MigrationFails ==
  /\ MigrationMayFail /\ HostIdle("SRC")
  /\ phase \in {"SETUP", "COMPLETE", "LOAD"}
  /\ phase' = IF phase = "SETUP" THEN "FAIL_CLEANUP" ELSE "FAILED"
  /\ called' = {}
  /\ ForgetFds
  /\ action' = [tag |-> "MigrationFails"]
  /\ UNCHANGED <<device_state, set_target, p2p_inflight, p2p_lost>>
  /\ UNCHANGED fvars
  /\ UNCHANGED user_run

\* migration_iteration_finish: vm_start() when the VM was running before the
\* migration (two-phase vm_state_notify(true)); a paused VM stays paused.
RestartSource ==
  /\ phase = "FAILED"
  /\ phase' = IF SrcPaused THEN "FAIL_CLEANUP" ELSE "RESTART_PREPARE"
  /\ called' = {}
  /\ action' = [tag |-> "RestartSource"]
  /\ UNCHANGED <<device_state, set_target, p2p_inflight, p2p_lost>>
  /\ UNCHANGED fvars
  /\ UNCHANGED svars

\* vfio_vmstate_change_prepare(running = true): SET RUNNING_P2P (the kernel
\* walks STOP_COPY -> STOP -> RUNNING_P2P), PRE_COPY_P2P from PRE_COPY.
RestartPrepare(d) ==
  /\ phase = "RESTART_PREPARE" /\ HostIdle("SRC")
  /\ d \in P2PDevices /\ d \notin called
  /\ IssueSet("SRC", d, IF St("SRC", d) = "PRE_COPY" THEN "PRE_COPY_P2P" ELSE "RUNNING_P2P")
  /\ action' = [tag |-> "RestartPrepare", device |-> d]
  /\ UNCHANGED <<device_state, p2p_inflight, p2p_lost, phase>>
  /\ UNCHANGED fvars
  /\ UNCHANGED svars

EndRestartPrepare ==
  /\ phase = "RESTART_PREPARE" /\ HostIdle("SRC")
  /\ P2PDevices \subseteq called
  /\ phase' = "RESTART_MAIN"
  /\ called' = {}
  /\ action' = [tag |-> "EndRestartPrepare"]
  /\ UNCHANGED <<device_state, set_target, p2p_inflight, p2p_lost>>
  /\ UNCHANGED fvars
  /\ UNCHANGED svars

\* vfio_vmstate_change(running = true): SET RUNNING.
RestartMain(d) ==
  /\ phase = "RESTART_MAIN" /\ HostIdle("SRC")
  /\ d \notin called
  /\ IssueSet("SRC", d, "RUNNING")
  /\ action' = [tag |-> "RestartMain", device |-> d]
  /\ UNCHANGED <<device_state, p2p_inflight, p2p_lost, phase>>
  /\ UNCHANGED fvars
  /\ UNCHANGED svars

EndRestartMain ==
  /\ phase = "RESTART_MAIN" /\ HostIdle("SRC")
  /\ called = Devices
  /\ phase' = "FAIL_CLEANUP"
  /\ called' = {}
  /\ action' = [tag |-> "EndRestartMain"]
  /\ UNCHANGED <<device_state, set_target, p2p_inflight, p2p_lost>>
  /\ UNCHANGED fvars
  /\ UNCHANGED svars

\* vfio_save_cleanup: a device still in STOP_COPY is SET STOP; the fd closes.
FailCleanup(d) ==
  /\ phase = "FAIL_CLEANUP" /\ HostIdle("SRC")
  /\ d \notin called
  /\ IssueSet("SRC", d, IF St("SRC", d) = "STOP_COPY" THEN "STOP" ELSE St("SRC", d))
  /\ action' = [tag |-> "FailCleanup", device |-> d]
  /\ UNCHANGED <<device_state, p2p_inflight, p2p_lost, phase>>
  /\ UNCHANGED fvars
  /\ UNCHANGED svars

EndFailCleanup ==
  /\ phase = "FAIL_CLEANUP" /\ HostIdle("SRC")
  /\ called = Devices
  /\ phase' = "NOTIFY"
  /\ called' = {}
  /\ CloseFds
  /\ action' = [tag |-> "EndFailCleanup"]
  /\ UNCHANGED <<device_state, set_target, p2p_inflight, p2p_lost>>
  /\ UNCHANGED fvars
  /\ UNCHANGED user_run

\* vfio_migration_state_notifier(MIG_EVENT_PRECOPY_FAILED): SET RUNNING on
\* this device, whether the VM runs or not (a no-op after vm_start).
NotifyFailed(d) ==
  /\ phase = "NOTIFY" /\ HostIdle("SRC")
  /\ d \notin called
  /\ IssueSet("SRC", d, "RUNNING")
  /\ action' = [tag |-> "NotifyFailed", device |-> d]
  /\ UNCHANGED <<device_state, p2p_inflight, p2p_lost, phase>>
  /\ UNCHANGED fvars
  /\ UNCHANGED svars

EndNotify ==
  /\ phase = "NOTIFY" /\ HostIdle("SRC")
  /\ called = Devices
  /\ phase' = "SRC_RESUMED"
  /\ called' = {}
  /\ action' = [tag |-> "EndNotify"]
  /\ UNCHANGED <<device_state, set_target, p2p_inflight, p2p_lost>>
  /\ UNCHANGED fvars
  /\ UNCHANGED svars

-----------------------------------------------------------------------------
(* QEMU, destination side.                                                  *)

\* All device data has been written into the resuming fds; the VM starts.
LoadComplete ==
  /\ phase = "LOAD"
  /\ phase' = IF "StartBeforeAllLoaded" \in Defects THEN "START_MAIN" ELSE "START_PREPARE"
  /\ called' = {}
  /\ action' = [tag |-> "LoadComplete"]
  /\ UNCHANGED <<device_state, set_target, p2p_inflight, p2p_lost>>
  /\ UNCHANGED fvars
  /\ UNCHANGED svars

\* vfio_vmstate_change_prepare(running = true): SET RUNNING_P2P (the kernel
\* walks RESUMING -> STOP -> RUNNING_P2P; RESUMING -> STOP loads the image).
StartPrepare(d) ==
  /\ phase = "START_PREPARE" /\ HostIdle("DST")
  /\ d \in P2PDevices /\ d \notin called
  /\ IssueSet("DST", d, "RUNNING_P2P")
  /\ action' = [tag |-> "StartPrepare", device |-> d]
  /\ UNCHANGED <<device_state, p2p_inflight, p2p_lost, phase>>
  /\ UNCHANGED fvars
  /\ UNCHANGED svars

EndStartPrepare ==
  /\ phase = "START_PREPARE" /\ HostIdle("DST")
  /\ P2PDevices \subseteq called
  /\ phase' = "START_MAIN"
  /\ called' = {}
  /\ action' = [tag |-> "EndStartPrepare"]
  /\ UNCHANGED <<device_state, set_target, p2p_inflight, p2p_lost>>
  /\ UNCHANGED fvars
  /\ UNCHANGED svars

\* vfio_vmstate_change(running = true): SET RUNNING.
StartMain(d) ==
  /\ phase = "START_MAIN" /\ HostIdle("DST")
  /\ d \notin called
  /\ IssueSet("DST", d, "RUNNING")
  /\ action' = [tag |-> "StartMain", device |-> d]
  /\ UNCHANGED <<device_state, p2p_inflight, p2p_lost, phase>>
  /\ UNCHANGED fvars
  /\ UNCHANGED svars

\* The destination VM runs (vCPUs resume); the source cleans up.
EndStartMain ==
  /\ phase = "START_MAIN" /\ HostIdle("DST")
  /\ called = Devices
  /\ phase' = "CLEANUP"
  /\ called' = {}
  /\ action' = [tag |-> "EndStartMain"]
  /\ UNCHANGED <<device_state, set_target, p2p_inflight, p2p_lost>>
  /\ UNCHANGED fvars
  /\ UNCHANGED svars

\* vfio_save_cleanup: SET STOP_COPY -> STOP (outside the downtime); the fd closes.
SaveCleanup(d) ==
  /\ phase = "CLEANUP" /\ HostIdle("SRC")
  /\ d \notin called
  /\ IssueSet("SRC", d, "STOP")
  /\ action' = [tag |-> "SaveCleanup", device |-> d]
  /\ UNCHANGED <<device_state, p2p_inflight, p2p_lost, phase>>
  /\ UNCHANGED fvars
  /\ UNCHANGED svars

EndCleanup ==
  /\ phase = "CLEANUP" /\ HostIdle("SRC")
  /\ called = Devices
  /\ phase' = "DONE"
  /\ called' = {}
  /\ CloseFds
  /\ action' = [tag |-> "EndCleanup"]
  /\ UNCHANGED <<device_state, set_target, p2p_inflight, p2p_lost>>
  /\ UNCHANGED fvars
  /\ UNCHANGED user_run

\* QMP migrate while a blocker is registered: refused (migrate_prepare ->
\* migration_is_blocked), nothing is issued to the devices, the VM keeps running.
MigrationRefused ==
  /\ phase = "VM_RUNNING" /\ ~MigrationAllowed
  /\ phase' = "REFUSED"
  /\ action' = [tag |-> "MigrationRefused"]
  /\ UNCHANGED <<device_state, set_target, called, p2p_inflight, p2p_lost>>
  /\ UNCHANGED fvars
  /\ UNCHANGED svars

\* Terminal: the migration is done, or blocked and the VM keeps running
\* (the stutter keeps finished runs from being reported as deadlocks).
Finished ==
  /\ phase \in {"DONE", "SRC_RESUMED", "REFUSED"}
  /\ action' = [tag |-> "Finished"]
  /\ UNCHANGED <<device_state, set_target, called, p2p_inflight, p2p_lost, phase>>
  /\ UNCHANGED fvars
  /\ UNCHANGED svars

Orchestrate ==
  \/ EndPausePrepare \/ EndPauseMain \/ EndContPrepare \/ EndContMain
  \/ \E d \in Devices : PausePrepare(d) \/ PauseMain(d) \/ ContPrepare(d) \/ ContMain(d)
  \/ StartMigration \/ MigrationRefused \/ Switchover \/ EndStopPrepare \/ EndStopMain \/ EndSaveComplete
  \/ LoadComplete \/ EndStartPrepare \/ EndStartMain \/ EndCleanup
  \/ RestartSource \/ EndRestartPrepare \/ EndRestartMain \/ EndFailCleanup \/ EndNotify
  \/ \E d \in Devices : \/ SaveSetup(d) \/ StopPrepare(d) \/ StopMain(d) \/ SaveComplete(d)
                        \/ StartPrepare(d) \/ StartMain(d) \/ SaveCleanup(d)
                        \/ RestartPrepare(d) \/ RestartMain(d) \/ FailCleanup(d)
                        \/ NotifyFailed(d)
  \/ \E h \in Hosts, d \in Devices : ArcStep(h, d) \/ SetRejected(h, d) \/ DeviceReset(h, d)

Next ==
  \/ \E h \in Hosts, s \in Initiators, t \in Devices : P2pIssue(h, s, t)
  \/ \E h \in Hosts, s \in Initiators, t \in Devices : P2pLand(h, s, t)
  \/ \E h \in Hosts, d \in Devices : ArcStep(h, d)
  \/ \E h \in Hosts, d \in Devices : ArcFails(h, d)
  \/ \E h \in Hosts, d \in Devices : SetRejected(h, d)
  \/ \E h \in Hosts, d \in Devices : DeviceReset(h, d)
  \/ StartMigration
  \/ MigrationRefused
  \/ \E d \in Devices : SaveSetup(d)
  \/ Switchover
  \/ \E d \in Devices : StopPrepare(d)
  \/ EndStopPrepare
  \/ \E d \in Devices : StopMain(d)
  \/ EndStopMain
  \/ \E d \in Devices : SaveComplete(d)
  \/ EndSaveComplete
  \/ LoadComplete
  \/ \E d \in Devices : StartPrepare(d)
  \/ EndStartPrepare
  \/ \E d \in Devices : StartMain(d)
  \/ EndStartMain
  \/ \E d \in Devices : SaveCleanup(d)
  \/ EndCleanup
  \/ MigrationFails
  \/ RestartSource
  \/ \E d \in Devices : RestartPrepare(d)
  \/ EndRestartPrepare
  \/ \E d \in Devices : RestartMain(d)
  \/ EndRestartMain
  \/ \E d \in Devices : FailCleanup(d)
  \/ EndFailCleanup
  \/ \E d \in Devices : NotifyFailed(d)
  \/ EndNotify
  \/ UserStop
  \/ \E d \in Devices : PausePrepare(d)
  \/ EndPausePrepare
  \/ \E d \in Devices : PauseMain(d)
  \/ EndPauseMain
  \/ UserCont
  \/ \E d \in Devices : ContPrepare(d)
  \/ EndContPrepare
  \/ \E d \in Devices : ContMain(d)
  \/ EndContMain
  \/ Finished

\* QEMU and the kernel keep going (strong fairness: an arc out of RUNNING
\* waits for outstanding P2P, so it is enabled only now and then while the
\* device's writes come and go); every in-flight write eventually lands.
Spec == Init /\ [][Next]_vars /\ SF_vars(Orchestrate)
        /\ \A h \in Hosts, s \in Initiators, t \in Devices : WF_vars(P2pLand(h, s, t))

-----------------------------------------------------------------------------
(* Invariants, in plain words.                                              *)

TypeOK ==
  /\ device_state \in [Hosts \X Devices -> States]
  /\ set_target \in [Hosts \X Devices -> States \cup {NoSet, ResetPending}]
  /\ called \subseteq Devices
  /\ p2p_inflight \subseteq Hosts \X Initiators \X Devices
  /\ p2p_lost \in 0..2
  /\ phase \in Phases
  /\ failures \in 0..MaxFailures
  /\ reset_devs \subseteq Hosts \X Devices
  /\ mig_error \in BOOLEAN
  /\ qemu_fd \in [Devices -> 0..2] /\ kernel_fd \in [Devices -> 0..2]
  /\ sent \subseteq Devices \X (1..2)
  /\ user_run \in {"NONE", "PAUSED", "RESUMED"}

\* Every SET QEMU has in flight is one the kernel accepts for the device's
\* flags: its next hop is a state, never EINVAL (composition: QEMU's requests
\* and the kernel's arc algorithm agree).
SetsAccepted ==
  \A h \in Hosts, d \in Devices :
    Busy(h, d) /\ Tgt(h, d) # ResetPending /\ St(h, d) # "ERROR" => Legal(NextHop(h, d))

\* No P2P write is ever lost: a transaction only reaches a device that can
\* accept it (RUNNING, PRE_COPY or one of the *_P2P states).
NoP2pWriteLost == p2p_lost = 0

\* P2P ordering (uAPI RUNNING_P2P text): on a host, no device is still able to
\* initiate P2P (RUNNING, PRE_COPY) while another is already unable to accept
\* it (STOP, STOP_COPY, RESUMING) -- all devices are quiesced into a *_P2P
\* state before any stops, and all reach RUNNING_P2P before any runs.
P2pQuiesceOrder ==
  \A h \in Hosts : ~\E d, e \in Devices :
    St(h, d) \in InitiateP2P /\ St(h, e) \in Stopped

\* A device that left the initiating states (RUNNING, PRE_COPY) by an arc has
\* no P2P write of its own in flight: the arc out of them returned only after
\* its outstanding P2P completed (a failed arc into ERROR is no such arc).
OutstandingP2pDrained ==
  \A w \in p2p_inflight : w[2] = 0 \/ St(w[1], w[2]) \in InitiateP2P \cup {"ERROR"}

\* The migration blocker: a migration only starts in an allowed configuration.
BlockerRespected == phase \notin {"VM_RUNNING", "REFUSED"} => ~BlockedConfig

Settled == phase \in {"DONE", "SRC_RESUMED", "REFUSED"}

\* No device is left in ERROR once QEMU has settled: a failed SET was
\* followed by a reset.
NoErrorAtRest == Settled => \A hd \in Hosts \X Devices : device_state[hd] # "ERROR"

\* The guest never runs with a device whose state a reset has wiped: QEMU
\* would have to fail or pause the VM rather than run it silently.
NoSilentStateLoss == \A hd \in reset_devs : ~(VcpusRun(hd[1]) /\ Settled)

\* A completed migration carried every source device's own state: QEMU fails
\* the migration when a source device's SET fails (vfio_vmstate_change and
\* vfio_vmstate_change_prepare call migration_file_set_error when
\* vfio_migration_set_state_or_reset returns an error), so the blank state of
\* a source device that a reset wiped is never migrated as the guest's.
SourceStateMigrated == phase = "DONE" => \A d \in Devices : <<"SRC", d>> \notin reset_devs

\* A VM the user paused stays paused after a failed migration: no device of
\* it runs (initiates DMA) until the user resumes it.
PausedVmStaysStopped ==
  SrcPaused /\ phase = "SRC_RESUMED" => \A d \in Devices : St("SRC", d) \notin InitiateP2P

\* One consistent data_fd: while the migration still reads the source
\* devices' data and has not failed, the data_fd QEMU holds for a device is
\* the fd of the device's live saving session (or QEMU holds none): QEMU
\* never goes on migrating with an fd whose session the kernel has ended.
DataFdInSync ==
  ~mig_error /\ phase \in MigratingPhases =>
    \A d \in Devices : qemu_fd[d] = 0 \/ qemu_fd[d] = kernel_fd[d]

\* The stream carries, per device, the data of one saving session only
\* (vfio.h: the RESUMING side is fed what one saving session produced, in
\* order).  Pre-copy data can only come from the session save_setup opened,
\* each device's first, so the final data must come from that session too.
SingleSessionStream == \A a \in sent : a[2] = 1

-----------------------------------------------------------------------------
(* Liveness: an allowed migration completes (every source device stopped,   *)
(* every destination device RUNNING).                                       *)
MigrationCompletes == MigrationAllowed => <>(phase = "DONE")

\* A migration request ends: completed, failed with the source back, or
\* refused by the blocker.
MigrationEnds == <>Settled

\* After a failure the VM runs again on the source with every device RUNNING
\* (for a VM that ran before the migration).
VmRunsAgain ==
  [](phase \in FailPhases /\ ~SrcPaused =>
       <>(phase = "SRC_RESUMED" /\ \A d \in Devices : St("SRC", d) = "RUNNING"))
=============================================================================
