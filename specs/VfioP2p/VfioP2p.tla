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
(***************************************************************************)
EXTENDS Integers, FiniteSets

CONSTANTS
  Devices,         \* the VM's VFIO devices
  P2PDevices,      \* those advertising VFIO_MIGRATION_P2P
  PreCopyDevices,  \* those advertising VFIO_MIGRATION_PRE_COPY
  Defects          \* injected bugs, see DefectNames

DefectNames ==
  { "NoPreparePhase",        \* stop runs the main arcs only (QEMU before 8.2's prepare callback)
    "NoMigrationBlocker",    \* several devices, one without P2P, migration still allowed
    "StartBeforeAllLoaded",  \* destination starts devices without the RUNNING_P2P barrier
    "PrepareDoesNotDrain",   \* the arc out of RUNNING/PRE_COPY returns with own P2P writes outstanding
    "PrepareWaitsForAll" }   \* the main phase waits for EVERY device to reach *_P2P

ASSUME P2PDevices \subseteq Devices /\ PreCopyDevices \subseteq Devices
ASSUME Defects \subseteq DefectNames

\* The kernel's arc algorithm, as a correct kernel runs it (the 2026 skip-loop fix in).
Arcs == INSTANCE VfioArcs WITH SkipLoopFixed <- TRUE, Defects <- {}

Hosts == {"SRC", "DST"}
States == Arcs!States
\* VFIO_DEVICE_FEATURE_MIGRATION flags of device d: STOP_COPY (1), P2P (2), PRE_COPY (4).
Flags(d) == 1 + (IF d \in P2PDevices THEN 2 ELSE 0) + (IF d \in PreCopyDevices THEN 4 ELSE 0)
\* vfio.h: states in which a device may initiate P2P DMA ...
InitiateP2P == {"RUNNING", "PRE_COPY"}
\* ... and in which it must accept incoming P2P (the *_P2P states still do).
AcceptP2P == {"RUNNING", "PRE_COPY", "RUNNING_P2P", "PRE_COPY_P2P"}
Stopped == {"STOP", "STOP_COPY", "RESUMING"}
NoSet == "NONE"

\* vfio_block_multiple_devices_migration.
BlockedConfig == Cardinality(Devices) > 1 /\ P2PDevices # Devices
MigrationAllowed == ~BlockedConfig \/ "NoMigrationBlocker" \in Defects

Phases == {"VM_RUNNING", "SETUP", "STOP_PREPARE", "STOP_MAIN", "COMPLETE", "LOAD",
           "START_PREPARE", "START_MAIN", "CLEANUP", "DONE"}

VARIABLES
  action,        \* history: [tag |-> name, params...] of the last step
  device_state,  \* [<<host, device>> |-> vfio_device_mig_state name]
  set_target,    \* [<<host, device>> |-> target of the SET ioctl in flight, or "NONE"]
  called,        \* devices whose callback of the current phase QEMU has issued
  p2p_inflight,  \* P2P writes issued but not landed: <<host, initiator, target>>
  p2p_lost,      \* P2P writes that landed on a device unable to accept them
  phase          \* where QEMU's save (source) and load (destination) paths are

vars == <<action, device_state, set_target, called, p2p_inflight, p2p_lost, phase>>

Init ==
  /\ action = [tag |-> "Init"]
  \* the source VM runs; the destination's devices sit in RESUMING after
  \* load_setup (its VM has not started, nothing drives them).
  /\ device_state = [hd \in Hosts \X Devices |-> IF hd[1] = "SRC" THEN "RUNNING" ELSE "RESUMING"]
  /\ set_target = [hd \in Hosts \X Devices |-> NoSet]
  /\ called = {}
  /\ p2p_inflight = {}
  /\ p2p_lost = 0
  /\ phase = "VM_RUNNING"

St(h, d) == device_state[<<h, d>>]
Tgt(h, d) == set_target[<<h, d>>]
Busy(h, d) == Tgt(h, d) # NoSet
HostIdle(h) == \A e \in Devices : ~Busy(h, e)
\* The kernel's next hop of the SET in flight on <<h, d>> (vfio_mig_get_next_state).
NextHop(h, d) == Arcs!KernelNextTbl[Flags(d)][St(h, d)][Tgt(h, d)]
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
\* driver stops new outbound P2P when that arc begins).
P2pIssue(h, s, t) ==
  /\ s # t
  /\ St(h, s) \in InitiateP2P
  /\ ~(Busy(h, s) /\ NextHop(h, s) \notin InitiateP2P)
  /\ <<h, s, t>> \notin p2p_inflight
  /\ p2p_inflight' = p2p_inflight \cup {<<h, s, t>>}
  /\ action' = [tag |-> "P2pIssue", host |-> h, initiator |-> s, target |-> t]
  /\ UNCHANGED <<device_state, set_target, called, p2p_lost, phase>>

\* The write lands: accepted, or lost if the target cannot accept P2P now.
P2pLand(h, s, t) ==
  /\ <<h, s, t>> \in p2p_inflight
  /\ p2p_inflight' = p2p_inflight \ {<<h, s, t>>}
  /\ p2p_lost' = IF St(h, t) \in AcceptP2P THEN p2p_lost ELSE p2p_lost + 1
  /\ action' = [tag |-> "P2pLand", host |-> h, initiator |-> s, target |-> t]
  /\ UNCHANGED <<device_state, set_target, called, phase>>

-----------------------------------------------------------------------------
(* The kernel: one arc of the SET in flight.                                *)

\* The arc St -> NextHop succeeds.  An arc out of the initiating states
\* (RUNNING, PRE_COPY) returns only once the device's own outstanding P2P
\* writes have completed (vfio.h, RUNNING_P2P: "all outbound P2P ... complete").
\* The ioctl returns when the device reaches the target.
ArcStep(h, d) ==
  /\ Busy(h, d)
  /\ NextHop(h, d) \in States \ {"ERROR"}
  /\ (St(h, d) \in InitiateP2P /\ NextHop(h, d) \notin InitiateP2P)
       => (~Outstanding(h, d) \/ "PrepareDoesNotDrain" \in Defects)
  /\ device_state' = [device_state EXCEPT ![<<h, d>>] = NextHop(h, d)]
  /\ set_target' = [set_target EXCEPT ![<<h, d>>] =
                      IF NextHop(h, d) = Tgt(h, d) THEN NoSet ELSE Tgt(h, d)]
  /\ action' = [tag |-> "ArcStep", host |-> h, device |-> d, to |-> NextHop(h, d)]
  /\ UNCHANGED <<called, p2p_inflight, p2p_lost, phase>>

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

\* vfio_save_setup: SET PRE_COPY on a PRE_COPY-capable device.
SaveSetup(d) ==
  /\ phase = "SETUP" /\ HostIdle("SRC")
  /\ d \in PreCopyDevices /\ d \notin called
  /\ IssueSet("SRC", d, "PRE_COPY")
  /\ action' = [tag |-> "SaveSetup", device |-> d]
  /\ UNCHANGED <<device_state, p2p_inflight, p2p_lost, phase>>

\* Pre-copy converged: vCPUs pause (do_vm_stop) and vm_state_notify(false) begins.
Switchover ==
  /\ phase = "SETUP" /\ HostIdle("SRC")
  /\ PreCopyDevices \subseteq called
  /\ phase' = IF "NoPreparePhase" \in Defects THEN "STOP_MAIN" ELSE "STOP_PREPARE"
  /\ called' = {}
  /\ action' = [tag |-> "Switchover"]
  /\ UNCHANGED <<device_state, set_target, p2p_inflight, p2p_lost>>

\* vfio_vmstate_change_prepare(running = false): SET RUNNING_P2P, or
\* PRE_COPY_P2P when the device is in PRE_COPY.
StopPrepare(d) ==
  /\ phase = "STOP_PREPARE" /\ HostIdle("SRC")
  /\ d \in P2PDevices /\ d \notin called
  /\ IssueSet("SRC", d, IF St("SRC", d) = "PRE_COPY" THEN "PRE_COPY_P2P" ELSE "RUNNING_P2P")
  /\ action' = [tag |-> "StopPrepare", device |-> d]
  /\ UNCHANGED <<device_state, p2p_inflight, p2p_lost, phase>>

EndStopPrepare ==
  /\ phase = "STOP_PREPARE" /\ HostIdle("SRC")
  /\ P2PDevices \subseteq called
  /\ "PrepareWaitsForAll" \in Defects =>
       \A d \in Devices : St("SRC", d) \in {"RUNNING_P2P", "PRE_COPY_P2P"}
  /\ phase' = "STOP_MAIN"
  /\ called' = {}
  /\ action' = [tag |-> "EndStopPrepare"]
  /\ UNCHANGED <<device_state, set_target, p2p_inflight, p2p_lost>>

\* vfio_vmstate_change(running = false): SET STOP_COPY from a PRE_COPY state
\* (the session survives), else STOP.
StopMain(d) ==
  /\ phase = "STOP_MAIN" /\ HostIdle("SRC")
  /\ d \notin called
  /\ IssueSet("SRC", d, IF St("SRC", d) \in {"PRE_COPY", "PRE_COPY_P2P"} THEN "STOP_COPY" ELSE "STOP")
  /\ action' = [tag |-> "StopMain", device |-> d]
  /\ UNCHANGED <<device_state, p2p_inflight, p2p_lost, phase>>

EndStopMain ==
  /\ phase = "STOP_MAIN" /\ HostIdle("SRC")
  /\ called = Devices
  /\ phase' = "COMPLETE"
  /\ called' = {}
  /\ action' = [tag |-> "EndStopMain"]
  /\ UNCHANGED <<device_state, set_target, p2p_inflight, p2p_lost>>

\* vfio_save_complete_precopy: SET STOP_COPY (STOP -> STOP_COPY opens the
\* saving fd of a device without PRE_COPY); its data is read to the end.
SaveComplete(d) ==
  /\ phase = "COMPLETE" /\ HostIdle("SRC")
  /\ d \notin called
  /\ IssueSet("SRC", d, "STOP_COPY")
  /\ action' = [tag |-> "SaveComplete", device |-> d]
  /\ UNCHANGED <<device_state, p2p_inflight, p2p_lost, phase>>

EndSaveComplete ==
  /\ phase = "COMPLETE" /\ HostIdle("SRC")
  /\ called = Devices
  /\ phase' = "LOAD"
  /\ called' = {}
  /\ action' = [tag |-> "EndSaveComplete"]
  /\ UNCHANGED <<device_state, set_target, p2p_inflight, p2p_lost>>

-----------------------------------------------------------------------------
(* QEMU, destination side.                                                  *)

\* All device data has been written into the resuming fds; the VM starts.
LoadComplete ==
  /\ phase = "LOAD"
  /\ phase' = IF "StartBeforeAllLoaded" \in Defects THEN "START_MAIN" ELSE "START_PREPARE"
  /\ called' = {}
  /\ action' = [tag |-> "LoadComplete"]
  /\ UNCHANGED <<device_state, set_target, p2p_inflight, p2p_lost>>

\* vfio_vmstate_change_prepare(running = true): SET RUNNING_P2P (the kernel
\* walks RESUMING -> STOP -> RUNNING_P2P; RESUMING -> STOP loads the image).
StartPrepare(d) ==
  /\ phase = "START_PREPARE" /\ HostIdle("DST")
  /\ d \in P2PDevices /\ d \notin called
  /\ IssueSet("DST", d, "RUNNING_P2P")
  /\ action' = [tag |-> "StartPrepare", device |-> d]
  /\ UNCHANGED <<device_state, p2p_inflight, p2p_lost, phase>>

EndStartPrepare ==
  /\ phase = "START_PREPARE" /\ HostIdle("DST")
  /\ P2PDevices \subseteq called
  /\ phase' = "START_MAIN"
  /\ called' = {}
  /\ action' = [tag |-> "EndStartPrepare"]
  /\ UNCHANGED <<device_state, set_target, p2p_inflight, p2p_lost>>

\* vfio_vmstate_change(running = true): SET RUNNING.
StartMain(d) ==
  /\ phase = "START_MAIN" /\ HostIdle("DST")
  /\ d \notin called
  /\ IssueSet("DST", d, "RUNNING")
  /\ action' = [tag |-> "StartMain", device |-> d]
  /\ UNCHANGED <<device_state, p2p_inflight, p2p_lost, phase>>

\* The destination VM runs (vCPUs resume); the source cleans up.
EndStartMain ==
  /\ phase = "START_MAIN" /\ HostIdle("DST")
  /\ called = Devices
  /\ phase' = "CLEANUP"
  /\ called' = {}
  /\ action' = [tag |-> "EndStartMain"]
  /\ UNCHANGED <<device_state, set_target, p2p_inflight, p2p_lost>>

\* vfio_save_cleanup: SET STOP_COPY -> STOP (outside the downtime); the fd closes.
SaveCleanup(d) ==
  /\ phase = "CLEANUP" /\ HostIdle("SRC")
  /\ d \notin called
  /\ IssueSet("SRC", d, "STOP")
  /\ action' = [tag |-> "SaveCleanup", device |-> d]
  /\ UNCHANGED <<device_state, p2p_inflight, p2p_lost, phase>>

EndCleanup ==
  /\ phase = "CLEANUP" /\ HostIdle("SRC")
  /\ called = Devices
  /\ phase' = "DONE"
  /\ called' = {}
  /\ action' = [tag |-> "EndCleanup"]
  /\ UNCHANGED <<device_state, set_target, p2p_inflight, p2p_lost>>

\* Terminal: the migration is done, or blocked and the VM keeps running
\* (the stutter keeps finished runs from being reported as deadlocks).
Finished ==
  /\ phase = "DONE" \/ (phase = "VM_RUNNING" /\ ~MigrationAllowed)
  /\ action' = [tag |-> "Finished"]
  /\ UNCHANGED <<device_state, set_target, called, p2p_inflight, p2p_lost, phase>>

Orchestrate ==
  \/ StartMigration \/ Switchover \/ EndStopPrepare \/ EndStopMain \/ EndSaveComplete
  \/ LoadComplete \/ EndStartPrepare \/ EndStartMain \/ EndCleanup
  \/ \E d \in Devices : \/ SaveSetup(d) \/ StopPrepare(d) \/ StopMain(d) \/ SaveComplete(d)
                        \/ StartPrepare(d) \/ StartMain(d) \/ SaveCleanup(d)
  \/ \E h \in Hosts, d \in Devices : ArcStep(h, d)

Next ==
  \/ \E h \in Hosts, s \in Devices, t \in Devices : P2pIssue(h, s, t)
  \/ \E h \in Hosts, s \in Devices, t \in Devices : P2pLand(h, s, t)
  \/ \E h \in Hosts, d \in Devices : ArcStep(h, d)
  \/ StartMigration
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
  \/ Finished

\* QEMU and the kernel keep going (strong fairness: an arc out of RUNNING
\* waits for outstanding P2P, so it is enabled only now and then while the
\* device's writes come and go); every in-flight write eventually lands.
Spec == Init /\ [][Next]_vars /\ SF_vars(Orchestrate)
        /\ \A h \in Hosts, s \in Devices, t \in Devices : WF_vars(P2pLand(h, s, t))

-----------------------------------------------------------------------------
(* Invariants, in plain words.                                              *)

TypeOK ==
  /\ device_state \in [Hosts \X Devices -> States]
  /\ set_target \in [Hosts \X Devices -> States \cup {NoSet}]
  /\ called \subseteq Devices
  /\ p2p_inflight \subseteq Hosts \X Devices \X Devices
  /\ p2p_lost \in Nat
  /\ phase \in Phases

\* Every SET QEMU has in flight is one the kernel accepts for the device's
\* flags: its next hop is a state, never EINVAL (composition: QEMU's requests
\* and the kernel's arc algorithm agree).
SetsAccepted ==
  \A h \in Hosts, d \in Devices : Busy(h, d) => NextHop(h, d) \in States \ {"ERROR"}

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

\* A device that left the initiating states (RUNNING, PRE_COPY) has no P2P
\* write of its own in flight: the arc out of them returned only after its
\* outstanding P2P completed.
OutstandingP2pDrained ==
  \A w \in p2p_inflight : St(w[1], w[2]) \in InitiateP2P

\* The migration blocker: a migration only starts in an allowed configuration.
BlockerRespected == phase # "VM_RUNNING" => ~BlockedConfig

-----------------------------------------------------------------------------
(* Liveness: an allowed migration completes (every source device stopped,   *)
(* every destination device RUNNING).                                       *)
MigrationCompletes == MigrationAllowed => <>(phase = "DONE")
=============================================================================
