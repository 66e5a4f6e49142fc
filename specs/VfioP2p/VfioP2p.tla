------------------------------- MODULE VfioP2p -------------------------------
(***************************************************************************)
(* Several VFIO devices of one VM that can DMA into each other's BARs      *)
(* (peer-to-peer), migrated by QEMU (hw/vfio/migration.c, 8.2+).  The      *)
(* source VM's devices are stopped and the destination VM's devices are    *)
(* started with QEMU's two-phase policy:                                   *)
(*  - stop: vm_state_notify(running = false) runs the "prepare" callbacks  *)
(*    of every P2P-capable device first (RUNNING -> RUNNING_P2P,           *)
(*    PRE_COPY -> PRE_COPY_P2P), then the "main" callbacks (-> STOP,       *)
(*    -> STOP_COPY);                                                       *)
(*  - start: every P2P-capable device goes RESUMING -> RUNNING_P2P first,  *)
(*    then every device -> RUNNING;                                        *)
(*  - at realize, migration is blocked when more than one device is        *)
(*    present and any of them lacks VFIO_MIGRATION_P2P.                    *)
(* P2P writes are in flight between devices of the same host; a write that *)
(* lands on a device that cannot accept it (STOP, STOP_COPY, RESUMING) is  *)
(* lost (the device drops it: p2p_lost counts it).                         *)
(* Each SET here is one atomic step: VfioFsm checks how the kernel walks   *)
(* it (RESUMING -> RUNNING_P2P is RESUMING -> STOP -> RUNNING_P2P).        *)
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
    "PrepareDoesNotDrain",   \* the arc into *_P2P returns with own P2P writes outstanding
    "PrepareWaitsForAll" }   \* the main phase waits for EVERY device to reach *_P2P

ASSUME P2PDevices \subseteq Devices /\ PreCopyDevices \subseteq Devices
ASSUME Defects \subseteq DefectNames

Hosts == {"SRC", "DST"}
States == {"ERROR", "STOP", "RUNNING", "STOP_COPY", "RESUMING",
           "RUNNING_P2P", "PRE_COPY", "PRE_COPY_P2P"}
\* vfio.h: states in which a device may initiate P2P DMA ...
InitiateP2P == {"RUNNING", "PRE_COPY"}
\* ... and in which it must accept incoming P2P (the *_P2P states still do).
AcceptP2P == {"RUNNING", "PRE_COPY", "RUNNING_P2P", "PRE_COPY_P2P"}
Stopped == {"STOP", "STOP_COPY", "RESUMING"}

\* vfio_block_multiple_devices_migration.
BlockedConfig == Cardinality(Devices) > 1 /\ P2PDevices # Devices
MigrationAllowed == ~BlockedConfig \/ "NoMigrationBlocker" \in Defects

Phases == {"VM_RUNNING", "SETUP", "STOP_PREPARE", "STOP_MAIN", "LOAD",
           "START_PREPARE", "START_MAIN", "DONE"}

VARIABLES
  action,        \* history: [tag |-> name, params...] of the last step
  device_state,  \* [<<host, device>> |-> vfio_device_mig_state name]
  p2p_inflight,  \* P2P writes issued but not landed: <<host, initiator, target>>
  p2p_lost,      \* P2P writes that landed on a device unable to accept them
  set_pending,   \* source devices whose stop SET is in flight (the arc has begun:
                 \* no new P2P is initiated; it returns once its own P2P completed)
  phase          \* where QEMU's save (source) and load (destination) paths are

vars == <<action, device_state, p2p_inflight, p2p_lost, set_pending, phase>>

Init ==
  /\ action = [tag |-> "Init"]
  \* the source VM runs; the destination's devices sit in RESUMING after
  \* load_setup (its VM has not started, nothing drives them).
  /\ device_state = [hd \in Hosts \X Devices |-> IF hd[1] = "SRC" THEN "RUNNING" ELSE "RESUMING"]
  /\ p2p_inflight = {}
  /\ p2p_lost = 0
  /\ set_pending = {}
  /\ phase = "VM_RUNNING"

St(h, d) == device_state[<<h, d>>]
SetSt(h, d, s) == device_state' = [device_state EXCEPT ![<<h, d>>] = s]
Outstanding(h, d) == \E w \in p2p_inflight : w[1] = h /\ w[2] = d
Drained(h, d) == ~Outstanding(h, d) \/ "PrepareDoesNotDrain" \in Defects

-----------------------------------------------------------------------------
(* Device traffic.                                                          *)

\* Device s of host h starts a P2P write into device t's BAR.
P2pIssue(h, s, t) ==
  /\ s # t
  /\ St(h, s) \in InitiateP2P
  /\ ~(h = "SRC" /\ s \in set_pending)
  /\ <<h, s, t>> \notin p2p_inflight
  /\ p2p_inflight' = p2p_inflight \cup {<<h, s, t>>}
  /\ action' = [tag |-> "P2pIssue", host |-> h, initiator |-> s, target |-> t]
  /\ UNCHANGED <<device_state, p2p_lost, set_pending, phase>>

\* The write lands: accepted, or lost if the target cannot accept P2P now.
P2pLand(h, s, t) ==
  /\ <<h, s, t>> \in p2p_inflight
  /\ p2p_inflight' = p2p_inflight \ {<<h, s, t>>}
  /\ p2p_lost' = IF St(h, t) \in AcceptP2P THEN p2p_lost ELSE p2p_lost + 1
  /\ action' = [tag |-> "P2pLand", host |-> h, initiator |-> s, target |-> t]
  /\ UNCHANGED <<device_state, set_pending, phase>>

-----------------------------------------------------------------------------
(* QEMU, source side.                                                       *)

\* Migration starts (unless a blocker was registered at realize).
StartMigration ==
  /\ phase = "VM_RUNNING"
  /\ MigrationAllowed
  /\ phase' = "SETUP"
  /\ action' = [tag |-> "StartMigration"]
  /\ UNCHANGED <<device_state, p2p_inflight, p2p_lost, set_pending>>

\* save_setup: RUNNING -> PRE_COPY for a PRE_COPY-capable device.
SaveSetup(d) ==
  /\ phase = "SETUP"
  /\ d \in PreCopyDevices /\ St("SRC", d) = "RUNNING"
  /\ SetSt("SRC", d, "PRE_COPY")
  /\ action' = [tag |-> "SaveSetup", device |-> d]
  /\ UNCHANGED <<p2p_inflight, p2p_lost, set_pending, phase>>

\* Pre-copy converged: vCPUs pause and vm_state_notify(running = false) begins.
Switchover ==
  /\ phase = "SETUP"
  /\ \A d \in PreCopyDevices : St("SRC", d) = "PRE_COPY"
  /\ phase' = IF "NoPreparePhase" \in Defects THEN "STOP_MAIN" ELSE "STOP_PREPARE"
  /\ action' = [tag |-> "Switchover"]
  /\ UNCHANGED <<device_state, p2p_inflight, p2p_lost, set_pending>>

\* Prepare callback: QEMU issues SET RUNNING -> RUNNING_P2P or PRE_COPY ->
\* PRE_COPY_P2P.  The arc begins here (the device initiates no new P2P) ...
StopPrepare(d) ==
  /\ phase = "STOP_PREPARE"
  /\ d \in P2PDevices /\ St("SRC", d) \in {"RUNNING", "PRE_COPY"}
  /\ d \notin set_pending
  /\ set_pending' = set_pending \cup {d}
  /\ action' = [tag |-> "StopPrepare", device |-> d]
  /\ UNCHANGED <<device_state, p2p_inflight, p2p_lost, phase>>

\* ... and returns only when the device's own outstanding P2P writes have
\* completed; the device is then in the arc's end state.
StopArcReturns(d) ==
  /\ d \in set_pending
  /\ Drained("SRC", d)
  /\ set_pending' = set_pending \ {d}
  /\ SetSt("SRC", d,
       IF phase = "STOP_PREPARE"
         THEN IF St("SRC", d) = "RUNNING" THEN "RUNNING_P2P" ELSE "PRE_COPY_P2P"
         ELSE IF St("SRC", d) \in {"PRE_COPY", "PRE_COPY_P2P"} THEN "STOP_COPY" ELSE "STOP")
  /\ action' = [tag |-> "StopArcReturns", device |-> d]
  /\ UNCHANGED <<p2p_inflight, p2p_lost, phase>>

EndStopPrepare ==
  /\ phase = "STOP_PREPARE"
  /\ \A d \in (IF "PrepareWaitsForAll" \in Defects THEN Devices ELSE P2PDevices) :
       St("SRC", d) \in {"RUNNING_P2P", "PRE_COPY_P2P"}
  /\ phase' = "STOP_MAIN"
  /\ action' = [tag |-> "EndStopPrepare"]
  /\ UNCHANGED <<device_state, p2p_inflight, p2p_lost, set_pending>>

\* Main callback: SET -> STOP, or -> STOP_COPY when a saving session is open
\* (returns through StopArcReturns).  A device without P2P (no prepare
\* callback) goes straight from RUNNING or PRE_COPY.
StopMain(d) ==
  /\ phase = "STOP_MAIN"
  /\ St("SRC", d) \in {"RUNNING", "PRE_COPY", "RUNNING_P2P", "PRE_COPY_P2P"}
  /\ d \notin set_pending
  /\ set_pending' = set_pending \cup {d}
  /\ action' = [tag |-> "StopMain", device |-> d]
  /\ UNCHANGED <<device_state, p2p_inflight, p2p_lost, phase>>

\* Every source device stopped: stop-copy data flows, the destination loads.
EndStopMain ==
  /\ phase = "STOP_MAIN"
  /\ \A d \in Devices : St("SRC", d) \in {"STOP", "STOP_COPY"}
  /\ phase' = "LOAD"
  /\ action' = [tag |-> "EndStopMain"]
  /\ UNCHANGED <<device_state, p2p_inflight, p2p_lost, set_pending>>

-----------------------------------------------------------------------------
(* QEMU, destination side.                                                  *)

\* All device data has been written into the resuming fds; the VM starts.
LoadComplete ==
  /\ phase = "LOAD"
  /\ phase' = IF "StartBeforeAllLoaded" \in Defects THEN "START_MAIN" ELSE "START_PREPARE"
  /\ action' = [tag |-> "LoadComplete"]
  /\ UNCHANGED <<device_state, p2p_inflight, p2p_lost, set_pending>>

\* Prepare callback on start: RESUMING -> RUNNING_P2P (the kernel walks
\* RESUMING -> STOP -> RUNNING_P2P; RESUMING -> STOP validates the image).
StartPrepare(d) ==
  /\ phase = "START_PREPARE"
  /\ d \in P2PDevices /\ St("DST", d) = "RESUMING"
  /\ SetSt("DST", d, "RUNNING_P2P")
  /\ action' = [tag |-> "StartPrepare", device |-> d]
  /\ UNCHANGED <<p2p_inflight, p2p_lost, set_pending, phase>>

EndStartPrepare ==
  /\ phase = "START_PREPARE"
  /\ \A d \in P2PDevices : St("DST", d) = "RUNNING_P2P"
  /\ phase' = "START_MAIN"
  /\ action' = [tag |-> "EndStartPrepare"]
  /\ UNCHANGED <<device_state, p2p_inflight, p2p_lost, set_pending>>

\* Main callback on start: -> RUNNING (from RUNNING_P2P, or from RESUMING for
\* a device without P2P).
StartMain(d) ==
  /\ phase = "START_MAIN"
  /\ St("DST", d) \in {"RUNNING_P2P", "RESUMING"}
  /\ SetSt("DST", d, "RUNNING")
  /\ action' = [tag |-> "StartMain", device |-> d]
  /\ UNCHANGED <<p2p_inflight, p2p_lost, set_pending, phase>>

EndStartMain ==
  /\ phase = "START_MAIN"
  /\ \A d \in Devices : St("DST", d) = "RUNNING"
  /\ phase' = "DONE"
  /\ action' = [tag |-> "EndStartMain"]
  /\ UNCHANGED <<device_state, p2p_inflight, p2p_lost, set_pending>>

\* Terminal: the migration is done, or blocked and the VM keeps running
\* (the stutter keeps finished runs from being reported as deadlocks).
Finished ==
  /\ phase = "DONE" \/ (phase = "VM_RUNNING" /\ ~MigrationAllowed)
  /\ action' = [tag |-> "Finished"]
  /\ UNCHANGED <<device_state, p2p_inflight, p2p_lost, set_pending, phase>>

Orchestrate ==
  \/ StartMigration \/ Switchover \/ EndStopPrepare \/ EndStopMain
  \/ LoadComplete \/ EndStartPrepare \/ EndStartMain
  \/ \E d \in Devices : SaveSetup(d) \/ StopPrepare(d) \/ StopArcReturns(d)
                        \/ StopMain(d) \/ StartPrepare(d) \/ StartMain(d)

Next ==
  \/ \E h \in Hosts, s \in Devices, t \in Devices : P2pIssue(h, s, t)
  \/ \E h \in Hosts, s \in Devices, t \in Devices : P2pLand(h, s, t)
  \/ StartMigration
  \/ \E d \in Devices : SaveSetup(d)
  \/ Switchover
  \/ \E d \in Devices : StopPrepare(d)
  \/ \E d \in Devices : StopArcReturns(d)
  \/ EndStopPrepare
  \/ \E d \in Devices : StopMain(d)
  \/ EndStopMain
  \/ LoadComplete
  \/ \E d \in Devices : StartPrepare(d)
  \/ EndStartPrepare
  \/ \E d \in Devices : StartMain(d)
  \/ EndStartMain
  \/ Finished

\* QEMU keeps driving the migration (strong fairness: a prepare arc that
\* waits for outstanding P2P is enabled again and again while the device
\* keeps issuing); every in-flight write eventually lands.
Spec == Init /\ [][Next]_vars /\ SF_vars(Orchestrate)
        /\ \A h \in Hosts, s \in Devices, t \in Devices : WF_vars(P2pLand(h, s, t))

-----------------------------------------------------------------------------
(* Invariants, in plain words.                                              *)

TypeOK ==
  /\ device_state \in [Hosts \X Devices -> States]
  /\ p2p_inflight \subseteq Hosts \X Devices \X Devices
  /\ p2p_lost \in Nat
  /\ set_pending \subseteq Devices
  /\ phase \in Phases

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
\* write of its own in flight: the arc into *_P2P/STOP returned only after
\* its outstanding P2P completed.
OutstandingP2pDrained ==
  \A w \in p2p_inflight : St(w[1], w[2]) \in InitiateP2P

\* The migration blocker: a migration only starts in an allowed configuration.
BlockerRespected == phase # "VM_RUNNING" => ~BlockedConfig

-----------------------------------------------------------------------------
(* Liveness: an allowed migration completes (every source device stopped,   *)
(* every destination device RUNNING).                                       *)
MigrationCompletes == MigrationAllowed => <>(phase = "DONE")
=============================================================================
