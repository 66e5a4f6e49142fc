------------------------------- MODULE VfioCompat -------------------------------
(***************************************************************************)
(* Migration compatibility (seed 003: the v5 "migration_version" thread,   *)
(* libvir-list / intel-gvt-dev, April 2020): how management (libvirt or a  *)
(* layer above it) picks a destination device for a VFIO device and what   *)
(* it may conclude from the two compatibility checks the thread proposes:  *)
(*  (1) the TYPE-level check, under the mdev_type node: usable before the  *)
(*      destination device exists, but only between mdevs of the SAME mdev *)
(*      type (Yan Zhao, 13 Apr 2020);                                      *)
(*  (2) the INSTANCE-level check, under the device node: only after the    *)
(*      destination device is created, but between any two devices (other  *)
(*      mdev types, mdev <-> physical; Yan Zhao, 17 Apr 2020).             *)
(* The compatibility string is opaque to management: it reads the source's *)
(* string and writes it to the candidate's attribute; the candidate's      *)
(* vendor driver answers.  The same string travels in the migration        *)
(* stream's header and the destination driver checks it again when QEMU's  *)
(* vfio_load_state has written the stream and RESUMING -> STOP loads it    *)
(* (include/uapi/linux/vfio.h: the SET to STOP fails if the data cannot be *)
(* loaded).  A refused load fails the migration: QEMU's source learns it   *)
(* over the return path and restarts the VM (migration_iteration_finish).  *)
(*                                                                         *)
(* The relation is directional and ranged, not equality: a source saves    *)
(* any stream version of a range (QEMU's per-machine-type compat fields do *)
(* the same for device sections: vmstate version_id/minimum_version_id),   *)
(* a destination loads a range; source -> destination may work where      *)
(* destination -> source does not.  Resources compare as a fraction of the *)
(* parent: "mdev1 is 1/2 of pdev1, mdev2 is 1/4 of pdev2, pdev2 is exactly *)
(* 2 times pdev1" (Yan Zhao, 21 Apr 2020).  The host-side (PF-side, for an *)
(* SR-IOV VF) configuration of the function is compared as well; the       *)
(* destination's administrator settings (trust, spoof check, admin MAC)    *)
(* are the destination host's policy: a load never overwrites them.        *)
(***************************************************************************)
EXTENDS Integers, FiniteSets

CONSTANTS
  Source,         \* the source device (a Device record, see DeviceOK)
  Targets,        \* the candidate destination devices management may pick
  MaySkipChecks,  \* TRUE: management may migrate without asking either check
                  \* (a management layer that predates the attribute: the
                  \* stream's header check at RESUMING -> STOP must then stop
                  \* an incompatible stream)
  Defects         \* injected bugs, see DefectNames

(***************************************************************************)
(* A device as management and the vendor driver see it:                    *)
(*  name    unique name (the trace's action parameter);                    *)
(*  vendor  the vendor namespace that owns its compatibility strings (Alex *)
(*          Williamson, 20 Apr 2020: "vendor migration strings can         *)
(*          theoretically collide"; Yan Zhao's answer: same vendor only);  *)
(*  fn      the device function the vendor's driver implements;           *)
(*  kind    "mdev" (kernel mdev sysfs: mdev_supported_types/<type>) or     *)
(*          "phys" (a VF or PF bound to a vfio-pci variant driver);        *)
(*  type    the mdev type name ("" for phys);                              *)
(*  psize   the parent's size in resource units; share: the mdev's         *)
(*          fraction 1/share of its parent (1 for phys);                   *)
(*  save    the stream versions it can write; load: the ones it can load;  *)
(*  hostcfg the host-side configuration of the function (for a VF: what    *)
(*          the PF driver holds for it: queues, MTU, port VLAN);           *)
(*  admin   the host administrator's settings for it (trust, spoof check,  *)
(*          admin MAC: ip link set ... vf N ...).                          *)
(***************************************************************************)
DeviceOK(d) ==
  /\ DOMAIN d = {"name", "vendor", "fn", "kind", "type", "psize", "share",
                 "save", "load", "hostcfg", "admin"}
  /\ d.kind \in {"mdev", "phys"}
  /\ d.kind = "phys" => d.share = 1 /\ d.type = ""
  /\ d.psize \in Nat \ {0} /\ d.share \in Nat \ {0}
  /\ d.save # {} /\ d.save \subseteq Nat /\ d.load \subseteq Nat

DefectNames ==
  { "TypeCheckExact",      \* the type-level callback wants equal versions, the instance-level a range
    "NoNamespace",         \* strings carry no vendor namespace: two vendors' strings collide
    "PairOnStringMatch",   \* the string names the function, not its share of the parent:
                           \* mdev <-> physical accepted on a string match
    "ExactVersion",        \* every check wants equal versions (any version bump breaks migration)
    "IgnoreHostCfg",       \* management's instance check ignores the host-side (PF-side) config
    "NoLoadCheck",         \* RESUMING -> STOP loads any stream (no header check)
    "NoSourceResume",      \* a refused load fails the migration without restarting the source
    "NewestVersion",       \* the source always writes its newest version (no negotiation)
    "OverwriteAdmin" }     \* the load applies the source's administrator settings

ASSUME DeviceOK(Source) /\ \A t \in Targets : DeviceOK(t)
ASSUME \A s, t \in Targets : s.name = t.name => s = t
ASSUME MaySkipChecks \in BOOLEAN /\ Defects \subseteq DefectNames

Max(S) == CHOOSE x \in S : \A y \in S : y <= x
None == [name |-> "none"]

(***************************************************************************)
(* Ground truth: can the destination really carry on the source's device?  *)
(* Same vendor driver and function, the same resources (as a fraction of   *)
(* the parent, so 1/2 of a 2-unit parent = 1/4 of a 4-unit parent), a      *)
(* common stream version, the same host-side configuration.               *)
(***************************************************************************)
SameResources(s, d) == s.psize * d.share = d.psize * s.share
Compatible(s, d) ==
  /\ s.vendor = d.vendor /\ s.fn = d.fn
  /\ SameResources(s, d)
  /\ s.save \cap d.load # {}
  /\ s.hostcfg = d.hostcfg

\* The stream version the source writes for d: the newest both support (the
\* source's newest when there is none; the destination then refuses it).
StreamVersion(s, d) ==
  IF s.save \cap d.load # {} /\ "NewestVersion" \notin Defects
    THEN Max(s.save \cap d.load) ELSE Max(s.save)

(***************************************************************************)
(* The compatibility string a driver publishes (sysfs migration_version),  *)
(* and the answer the destination's vendor driver gives when it is written *)
(* to its attribute.  The string carries the vendor namespace, the         *)
(* function, its resources and the range of versions it can save.         *)
(***************************************************************************)
CompatString(s) ==
  [ns    |-> IF "NoNamespace" \in Defects THEN "" ELSE s.vendor,
   fn    |-> s.fn,
   psize |-> s.psize, share |-> s.share,
   save  |-> s.save]

\* The vendor driver of d: its own namespace only, then the function, the
\* resources (unless the string is matched on the function name alone), and
\* the versions (a range, or equality of the newest with ExactVersion).
VersionsOK(str, d, exact) ==
  IF exact THEN Max(str.save) = Max(d.load) ELSE str.save \cap d.load # {}
DriverAccepts(d, str, exact) ==
  /\ "NoNamespace" \in Defects \/ str.ns = d.vendor
  /\ str.fn = d.fn
  /\ "PairOnStringMatch" \in Defects \/ str.psize * d.share = d.psize * str.share
  /\ VersionsOK(str, d, exact)

\* (1) applies only between mdevs of the same type (Yan Zhao, 13 Apr 2020).
TypeApplies(s, d) == s.kind = "mdev" /\ d.kind = "mdev" /\ s.type = d.type
TypeAnswer(s, d) ==
  DriverAccepts(d, CompatString(s), "TypeCheckExact" \in Defects \/ "ExactVersion" \in Defects)
\* (2) the vendor driver's answer plus management's comparison of the
\* host-side configuration (read from the PF for a VF; the VF cannot see it).
InstanceAnswer(s, d) ==
  /\ DriverAccepts(d, CompatString(s), "ExactVersion" \in Defects)
  /\ "IgnoreHostCfg" \in Defects \/ s.hostcfg = d.hostcfg

\* RESUMING -> STOP: the destination driver checks the stream's header (the
\* string and the host-side configuration the source recorded in it).
LoadAccepts(d, hdr) ==
  \/ "NoLoadCheck" \in Defects
  \/ /\ DriverAccepts(d, hdr.str, "ExactVersion" \in Defects)
     /\ hdr.ver \in d.load
     /\ hdr.hostcfg = d.hostcfg

Phases == {"SELECT", "PICKED", "CREATED", "READY", "RESUMING", "LOADED", "REFUSED",
           "DONE", "NOTARGET"}
Verdicts == {"none", "yes", "no", "na", "skipped"}
DevStates == {"RUNNING", "STOP", "STOP_COPY", "RESUMING"}

VARIABLES
  action,        \* history: [tag |-> name, target |-> name] of the last step
  phase,         \* management's phase
  dst,           \* the picked destination (None before the first pick)
  tried,         \* names of the candidates management gave up on
  type_verdict,  \* what the type-level check answered for dst
  inst_verdict,  \* what the instance-level check answered for dst
  created,       \* the destination device exists (mdev created / VF assigned)
  src_state,     \* the source device_state
  dst_state,     \* the destination device_state
  vm,            \* where the guest runs: "SRC", "DST" or "NONE" (switchover)
  hdr,           \* the stream header the source wrote (None: no stream)
  dst_admin      \* the destination's administrator settings

vars == <<action, phase, dst, tried, type_verdict, inst_verdict, created, src_state,
          dst_state, vm, hdr, dst_admin>>

Init ==
  /\ action = [tag |-> "Init"]
  /\ phase = "SELECT" /\ dst = None /\ tried = {}
  /\ type_verdict = "none" /\ inst_verdict = "none" /\ created = FALSE
  /\ src_state = "RUNNING" /\ dst_state = "RUNNING" /\ vm = "SRC"
  /\ hdr = None /\ dst_admin = "none"

-----------------------------------------------------------------------------
(* Management.                                                              *)

\* Pick a candidate not yet given up on.
Pick(t) ==
  /\ phase = "SELECT" /\ t.name \notin tried
  /\ phase' = "PICKED" /\ dst' = t /\ dst_admin' = t.admin
  /\ type_verdict' = "none" /\ inst_verdict' = "none" /\ created' = FALSE
  /\ action' = [tag |-> "Pick", target |-> t.name]
  /\ UNCHANGED <<tried, src_state, dst_state, vm, hdr>>

\* Every candidate was refused: the VM stays where it is.
NoTarget ==
  /\ phase = "SELECT" /\ \A t \in Targets : t.name \in tried
  /\ phase' = "NOTARGET"
  /\ action' = [tag |-> "NoTarget"]
  /\ UNCHANGED <<dst, tried, type_verdict, inst_verdict, created, src_state, dst_state, vm,
                 hdr, dst_admin>>

\* Give up on dst (a check said no).  A device created for it is removed.
Reject ==
  /\ phase \in {"PICKED", "CREATED"}
  /\ type_verdict = "no" \/ inst_verdict = "no"
  /\ phase' = "SELECT" /\ tried' = tried \cup {dst.name} /\ created' = FALSE
  /\ action' = [tag |-> "Reject", target |-> dst.name]
  /\ UNCHANGED <<dst, type_verdict, inst_verdict, src_state, dst_state, vm, hdr, dst_admin>>

\* (1) Before creating the device, where it applies.
TypeCheck ==
  /\ phase = "PICKED" /\ type_verdict = "none"
  /\ type_verdict' = IF ~TypeApplies(Source, dst) THEN "na"
                     ELSE IF TypeAnswer(Source, dst) THEN "yes" ELSE "no"
  /\ action' = [tag |-> "TypeCheck", target |-> dst.name]
  /\ UNCHANGED <<phase, dst, tried, inst_verdict, created, src_state, dst_state, vm, hdr,
                 dst_admin>>

\* Create the destination device (mdev create, or assign the VF): not after
\* a type-level "no", which is final.
Create ==
  /\ phase = "PICKED" /\ type_verdict \in {"yes", "na"}
  /\ phase' = "CREATED" /\ created' = TRUE
  /\ action' = [tag |-> "Create", target |-> dst.name]
  /\ UNCHANGED <<dst, tried, type_verdict, inst_verdict, src_state, dst_state, vm, hdr,
                 dst_admin>>

\* (2) On the created device.
InstanceCheck ==
  /\ phase = "CREATED" /\ inst_verdict = "none"
  /\ inst_verdict' = IF InstanceAnswer(Source, dst) THEN "yes" ELSE "no"
  /\ phase' = IF InstanceAnswer(Source, dst) THEN "READY" ELSE "CREATED"
  /\ action' = [tag |-> "InstanceCheck", target |-> dst.name]
  /\ UNCHANGED <<dst, tried, type_verdict, created, src_state, dst_state, vm, hdr, dst_admin>>

\* A management layer that asks neither check creates the device and goes.
SkipChecks ==
  /\ MaySkipChecks
  /\ phase = "PICKED" /\ type_verdict = "none"
  /\ phase' = "READY" /\ created' = TRUE
  /\ type_verdict' = "skipped" /\ inst_verdict' = "skipped"
  /\ action' = [tag |-> "SkipChecks", target |-> dst.name]
  /\ UNCHANGED <<dst, tried, src_state, dst_state, vm, hdr, dst_admin>>

-----------------------------------------------------------------------------
(* QEMU: the migration, collapsed to what compatibility needs (VfioFsm and  *)
(* VfioMigration check the arcs and the data).                              *)

\* Destination RUNNING -> RESUMING; source saves (vCPUs stopped, the device
\* in STOP_COPY); the whole stream, with its header, is written to the
\* destination's resuming data_fd.
Migrate ==
  /\ phase = "READY"
  /\ phase' = "RESUMING"
  /\ src_state' = "STOP_COPY" /\ dst_state' = "RESUMING" /\ vm' = "NONE"
  /\ hdr' = [str |-> CompatString(Source), ver |-> StreamVersion(Source, dst),
             hostcfg |-> Source.hostcfg, admin |-> Source.admin]
  /\ action' = [tag |-> "Migrate", target |-> dst.name]
  /\ UNCHANGED <<dst, tried, type_verdict, inst_verdict, created, dst_admin>>

\* RESUMING -> STOP succeeds: the state is loaded.  The destination keeps
\* its own administrator settings.
LoadOk ==
  /\ phase = "RESUMING" /\ LoadAccepts(dst, hdr)
  /\ phase' = "LOADED" /\ dst_state' = "STOP"
  /\ dst_admin' = IF "OverwriteAdmin" \in Defects THEN hdr.admin ELSE dst_admin
  /\ action' = [tag |-> "LoadOk", target |-> dst.name]
  /\ UNCHANGED <<dst, tried, type_verdict, inst_verdict, created, src_state, vm, hdr>>

\* RESUMING -> STOP fails (vfio_load_state / the SET returns an error).
LoadRefused ==
  /\ phase = "RESUMING" /\ ~LoadAccepts(dst, hdr)
  /\ phase' = "REFUSED"
  /\ action' = [tag |-> "LoadRefused", target |-> dst.name]
  /\ UNCHANGED <<dst, tried, type_verdict, inst_verdict, created, src_state, dst_state, vm,
                 hdr, dst_admin>>

\* The destination resumes the VM; the source's device goes to STOP.
Complete ==
  /\ phase = "LOADED"
  /\ phase' = "DONE" /\ dst_state' = "RUNNING" /\ src_state' = "STOP" /\ vm' = "DST"
  /\ action' = [tag |-> "Complete", target |-> dst.name]
  /\ UNCHANGED <<dst, tried, type_verdict, inst_verdict, created, hdr, dst_admin>>

\* The failure reaches the source over the return path: the destination
\* device is reset (RUNNING, the VM never starts there), the source device
\* goes STOP_COPY -> RUNNING and the VM runs again on the source; management
\* gives the candidate up and may try the next one.
Fail ==
  /\ phase = "REFUSED"
  /\ phase' = "SELECT" /\ tried' = tried \cup {dst.name} /\ created' = FALSE
  /\ dst_state' = "RUNNING" /\ hdr' = None
  /\ IF "NoSourceResume" \in Defects
       THEN UNCHANGED <<src_state, vm>>
       ELSE src_state' = "RUNNING" /\ vm' = "SRC"
  /\ action' = [tag |-> "Fail", target |-> dst.name]
  /\ UNCHANGED <<dst, type_verdict, inst_verdict, dst_admin>>

Finished ==
  /\ phase \in {"DONE", "NOTARGET"}
  /\ action' = [tag |-> "Finished"]
  /\ UNCHANGED <<phase, dst, tried, type_verdict, inst_verdict, created, src_state, dst_state,
                 vm, hdr, dst_admin>>

Next ==
  \/ \E t \in Targets : Pick(t)
  \/ NoTarget
  \/ Reject
  \/ TypeCheck
  \/ Create
  \/ InstanceCheck
  \/ SkipChecks
  \/ Migrate
  \/ LoadOk
  \/ LoadRefused
  \/ Complete
  \/ Fail
  \/ Finished

Spec == Init /\ [][Next]_vars

\* Every step management and QEMU can take is eventually taken (weak
\* fairness of the whole Next: management does not stall a selection, QEMU
\* does not stall a started migration).  For Terminates only.
FairSpec == Spec /\ WF_vars(Next)

-----------------------------------------------------------------------------
(* Invariants, in plain words.                                              *)

TypeOK ==
  /\ phase \in Phases
  /\ dst \in Targets \cup {None}
  /\ tried \subseteq {t.name : t \in Targets}
  /\ type_verdict \in Verdicts /\ inst_verdict \in Verdicts /\ created \in BOOLEAN
  /\ src_state \in DevStates /\ dst_state \in DevStates
  /\ vm \in {"SRC", "DST", "NONE"}
  /\ dst = None => phase \in {"SELECT", "NOTARGET"}   \* no destination only before the first pick

\* No migration completes between incompatible devices.
NoIncompatibleCompletion == phase = "DONE" => Compatible(Source, dst)

\* The two checks never contradict each other: a type-level "no" is final
\* (the instance-level check on a device of that type says "no" too); a
\* type-level "yes" is provisional (the instance knows the host-side config).
\* Stated for every pair management picks, whether or not it asks both.
ChecksNeverContradict ==
  dst # None /\ TypeApplies(Source, dst) /\ ~TypeAnswer(Source, dst)
    => ~InstanceAnswer(Source, dst)

\* A check refuses only an incompatible pair (versions are a range: an older
\* source on a newer destination is not refused).
NoFalseRefusal ==
  (type_verdict = "no" \/ inst_verdict = "no") => ~Compatible(Source, dst)

\* What management may conclude: after an instance-level "yes" the load is
\* not refused (a refusal at load happens only under a management layer that
\* may skip the checks, and only when it skipped them).
CheckPredictsLoad == phase = "REFUSED" => MaySkipChecks /\ inst_verdict = "skipped"

\* An incompatible stream that slips through is refused at RESUMING -> STOP.
IncompatibleRefusedAtResume ==
  phase \in {"LOADED", "DONE"} => Compatible(Source, dst)

\* ... and the source is resumed: whenever management is choosing (before a
\* migration, after a refused one, or having given up) the VM runs on the
\* source and the source device is RUNNING.
SourceResumed ==
  phase \in {"SELECT", "PICKED", "CREATED", "READY", "NOTARGET"}
    => vm = "SRC" /\ src_state = "RUNNING"

\* The source writes a version both sides support whenever there is one (a
\* newer source writing its newest format to an older destination is what
\* QEMU's machine-type compat properties prevent).
StreamVersionAgreed ==
  hdr # None /\ Source.save \cap dst.load # {} => hdr.ver \in Source.save \cap dst.load

\* The destination's administrator settings are never overwritten.
AdminPreserved == dst # None => dst_admin = dst.admin

\* Management gives up only on candidates the destination could not carry
\* on (a compatible device is never discarded), and reports "no target" only
\* when no candidate is compatible.
NoCompatibleGivenUp ==
  /\ \A t \in Targets : t.name \in tried => ~Compatible(Source, t)
  /\ phase = "NOTARGET" => \A t \in Targets : ~Compatible(Source, t)

\* The destination device exists exactly while management works with it:
\* QEMU opens (and migrates into) only a device that was created (mdev
\* create, VF assigned), and a device created for a candidate management
\* gives up on is removed again (an mdev holds 1/share of its parent: a
\* leaked one lowers the parent's available_instances for every later
\* candidate of that parent).
DeviceLifecycle ==
  /\ phase \in {"CREATED", "READY", "RESUMING", "LOADED", "REFUSED", "DONE"} => created
  /\ phase \in {"SELECT", "PICKED", "NOTARGET"} => ~created

\* The devices and the guest follow the migration.  Before it (and after a
\* refused one) no stream exists and the destination device is RUNNING, as
\* a device is after open or reset.  While the stream moves, the guest runs
\* nowhere, the source device is STOP_COPY (QEMU vfio_save_setup ..
\* vfio_save_complete_precopy) and the destination RESUMING (vfio_load_setup;
\* this spec lets a failed SET to STOP leave it there, where the uapi also
\* allows ERROR); RESUMING -> STOP is the load.
\* After the switchover the guest runs on the destination, whose device is
\* RUNNING, and the source device is STOP: QEMU's vfio_save_cleanup moves
\* it STOP_COPY -> STOP once the migration completed, which frees the
\* state the driver kept for the saving.
DevicesFollowMigration ==
  /\ phase \in {"SELECT", "PICKED", "CREATED", "READY", "NOTARGET"} =>
       dst_state = "RUNNING" /\ hdr = None
  /\ phase \in {"RESUMING", "LOADED", "REFUSED"} =>
       src_state = "STOP_COPY" /\ vm = "NONE" /\ hdr # None
  /\ phase \in {"RESUMING", "REFUSED"} => dst_state = "RESUMING"
  /\ phase = "LOADED" => dst_state = "STOP"
  /\ phase = "DONE" =>
       src_state = "STOP" /\ dst_state = "RUNNING" /\ vm = "DST" /\ hdr # None

\* The type-level check is there to be asked before the destination device
\* exists (Yan Zhao, 13 Apr 2020): between two mdevs of one type, what the
\* compatibility string shows (vendor, function, share of the parent,
\* versions: everything but the host-side configuration) is settled before
\* management creates a device, which takes a share of the parent.  A
\* device is created only after the type-level check passed or did not
\* apply, or with both checks skipped.
TypeCheckSparesCreate ==
  created =>
    /\ type_verdict \in {"yes", "na", "skipped"}
    /\ (/\ type_verdict # "skipped"
        /\ Source.kind = "mdev" /\ dst.kind = "mdev" /\ Source.type = dst.type)
         => /\ Source.vendor = dst.vendor /\ Source.fn = dst.fn
            /\ Source.psize * dst.share = dst.psize * Source.share
            /\ Source.save \cap dst.load # {}

-----------------------------------------------------------------------------
(* Properties.                                                              *)

\* A refusal is final for that candidate: after a check said "no",
\* management only gives the candidate up; it neither creates the device
\* nor migrates without the checks.
RefusalIsFinal ==
  [][(phase \in {"PICKED", "CREATED"} /\ "no" \in {type_verdict, inst_verdict})
        => phase' \in {phase, "SELECT"}]_vars

\* Management's selection ends (under FairSpec): the VM is migrated or
\* management reports that no candidate fits, and that outcome is final.
Terminates == <>[](phase \in {"DONE", "NOTARGET"})

=============================================================================
