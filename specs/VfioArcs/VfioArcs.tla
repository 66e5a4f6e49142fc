------------------------------- MODULE VfioArcs ------------------------------
(***************************************************************************)
(* Constant-level part of the VFIO migration protocol v2 (include/uapi/    *)
(* linux/vfio.h): the eight states and their ABI values, the feature flags *)
(* and the states they make usable, the direct arcs per flag set, the      *)
(* header's combination-arc rules as a next-step function (RuleNext) and   *)
(* the kernel's vfio_mig_get_next_state (KernelNext: full-feature table T  *)
(* plus the skip loop).  VfioFsm runs a device on it; VfioPathCheck checks *)
(* both functions against the reference tables in VfioPathTable.          *)
(***************************************************************************)
EXTENDS Integers, Sequences, FiniteSets

CONSTANTS
  SkipLoopFixed, \* TRUE: the 2026 fix "n != ERROR &&" in the skip loop of vfio_mig_get_next_state
  Defects        \* injected bugs (names in DefectNames); {} in a correct model

DefectNames ==
  { "BlockedArcMapsToItself",  \* T[STOP_COPY][PRE_COPY(_P2P)] = STOP_COPY instead of ERROR
    "NewFdInsideSavingGroup",  \* PRE_COPY(_P2P) -> STOP_COPY opens a second session
    "SavingFdNotDisabled",     \* leaving the saving group leaves the old fd readable
    "EofAtTemporaryEnd",       \* read() returns 0 at the PRE_COPY temporary end (mtty, K7)
    "DirtyBytesUnderreport",   \* dirty_bytes counts only one queued chunk (mlx5 before K2)
    "DmaInStopCopy",           \* the device keeps changing internal state in STOP_COPY
    "ResetKeepsSession",       \* reset returns to RUNNING but leaves the session live
    "PreCopyRouteToStopCopy",  \* T[RUNNING][STOP_COPY] = PRE_COPY: an equally short path
                               \* RUNNING -> PRE_COPY -> PRE_COPY_P2P -> STOP_COPY
    "ErrorIsATarget",          \* state_flags_table[ERROR] satisfiable, no "n == ERROR" check
    "V1RunningValue",          \* RUNNING encoded as the v1 RUNNING bit (1), cf. QEMU Q1
    "NoInteriorRule",          \* paths may pass through saving-group states freely
    "SkipIgnoresP2pFlag",      \* the skip loop treats RUNNING_P2P as always supported
    "NoFdOnP2pPreCopy",        \* RUNNING_P2P -> PRE_COPY_P2P starts no session (no new data_fd)
    "BusyWhenStopped" }        \* the device keeps working (DMA, state changes) in STOP and RESUMING

ASSUME Defects \subseteq DefectNames
ASSUME SkipLoopFixed \in BOOLEAN

-----------------------------------------------------------------------------
(* States, ABI values and feature flags (vfio.h).                           *)

States == {"ERROR", "STOP", "RUNNING", "STOP_COPY", "RESUMING",
           "RUNNING_P2P", "PRE_COPY", "PRE_COPY_P2P"}

\* enum vfio_device_mig_state: these numbers are ABI.
StateValue == [s \in States |->
  CASE s = "ERROR"        -> 0
    [] s = "RUNNING" /\ "V1RunningValue" \in Defects -> 1
    [] s = "STOP"         -> 1
    [] s = "RUNNING"      -> 2
    [] s = "STOP_COPY"    -> 3
    [] s = "RESUMING"     -> 4
    [] s = "RUNNING_P2P"  -> 5
    [] s = "PRE_COPY"     -> 6
    [] s = "PRE_COPY_P2P" -> 7]

\* A SET may carry any u32; "OUT_OF_RANGE" stands for a value >= VFIO_DEVICE_STATE_NR (8).
Targets == States \cup {"OUT_OF_RANGE"}

\* VFIO_MIGRATION_STOP_COPY = 1, VFIO_MIGRATION_P2P = 2, VFIO_MIGRATION_PRE_COPY = 4.
HasBit(f, b) == (f \div b) % 2 = 1
HasP2P(f) == HasBit(f, 2)
HasPreCopy(f) == HasBit(f, 4)

\* state_flags_table: the flags a state needs.  ERROR needs ~0U, which no device
\* advertises, so ERROR is never a supported state and never a legal target.
Supported(s, f) ==
  /\ s \in States \ {"ERROR"}
  /\ CASE s \in {"STOP", "RUNNING", "STOP_COPY", "RESUMING"} -> HasBit(f, 1)
       [] s = "RUNNING_P2P"  -> HasBit(f, 1) /\ HasP2P(f)
       [] s = "PRE_COPY"     -> HasBit(f, 1) /\ HasPreCopy(f)
       [] s = "PRE_COPY_P2P" -> HasBit(f, 1) /\ HasP2P(f) /\ HasPreCopy(f)

SupportedStates(f) == {s \in States : Supported(s, f)}

\* The saving group: one saving session (one data_fd) spans all three.
SavingGroup == {"PRE_COPY", "PRE_COPY_P2P", "STOP_COPY"}
\* States in which the device may initiate DMA, raise interrupts and change its
\* internal state (vfio.h per-state text).  STOP, STOP_COPY, RESUMING are quiescent.
ActiveStates == {"RUNNING", "RUNNING_P2P", "PRE_COPY", "PRE_COPY_P2P"}

\* The direct arcs a driver implements for flag set f (vfio.h; 6/8/9/15 arcs).
DirectArcs(f) ==
  {<<"RESUMING", "STOP">>, <<"STOP", "RESUMING">>,
   <<"STOP", "STOP_COPY">>, <<"STOP_COPY", "STOP">>}
  \cup (IF HasP2P(f)
          THEN {<<"RUNNING", "RUNNING_P2P">>, <<"RUNNING_P2P", "RUNNING">>,
                <<"RUNNING_P2P", "STOP">>, <<"STOP", "RUNNING_P2P">>}
          ELSE {<<"RUNNING", "STOP">>, <<"STOP", "RUNNING">>})
  \cup (IF HasPreCopy(f)
          THEN {<<"RUNNING", "PRE_COPY">>, <<"PRE_COPY", "RUNNING">>}
               \cup (IF HasP2P(f)
                       THEN {<<"PRE_COPY", "PRE_COPY_P2P">>, <<"PRE_COPY_P2P", "PRE_COPY">>,
                             <<"PRE_COPY_P2P", "RUNNING_P2P">>,
                             <<"PRE_COPY_P2P", "STOP_COPY">>,
                             <<"RUNNING_P2P", "PRE_COPY_P2P">>}
                       ELSE {<<"PRE_COPY", "STOP_COPY">>})
          ELSE {})

\* Arcs that start a data transfer session and return a new data_fd.
OpensSession(from, to) ==
  \/ /\ <<from, to>> \in {<<"STOP", "STOP_COPY">>, <<"STOP", "RESUMING">>,
                          <<"RUNNING", "PRE_COPY">>, <<"RUNNING_P2P", "PRE_COPY_P2P">>}
     /\ ~("NoFdOnP2pPreCopy" \in Defects /\ <<from, to>> = <<"RUNNING_P2P", "PRE_COPY_P2P">>)
  \/ /\ "NewFdInsideSavingGroup" \in Defects
     /\ from \in SavingGroup /\ to = "STOP_COPY" /\ from # to

\* The result oracle of the reference (§3.3): a successful SET returns a new fd
\* iff the target starts a session the current state does not already have.
NewFdRule(cur, tgt) ==
  \/ tgt \in SavingGroup /\ cur \notin SavingGroup
  \/ tgt = "RESUMING" /\ cur # "RESUMING"

-----------------------------------------------------------------------------
(* The header's combination-arc rules, as a next-step function.             *)
(*  1. only direct arcs of the advertised flag set;                         *)
(*  2. a saving-group state may be interior to a path only when the path    *)
(*     starts and ends in the group (the session then continues); a path    *)
(*     that starts or ends outside the group has no saving-group interior;  *)
(*  3. take the shortest such path.                                         *)
(* STOP_COPY -> PRE_COPY(_P2P) has no such path (STOP_COPY's only arc leaves *)
(* the group), which is exactly the blocked arc of the header.              *)

AllFlagSets == {1, 3, 5, 7}
ArcsTbl == [f \in AllFlagSets |-> DirectArcs(f)]   \* evaluated once by TLC

InteriorOk(s, c, t) ==
  CASE "NoInteriorRule" \in Defects -> TRUE
    [] c \in SavingGroup /\ t \in SavingGroup -> s \in SavingGroup
    [] OTHER -> s \notin SavingGroup

\* Levels(k, c, t, f)[j + 1], j = 0..k: the states from which t is reachable with
\* at most j legal arcs (paths c ... t), each level built once from the one before.
\* (Dist, RuleCandidates and RuleNext bind what they use in LETs, ArcsTbl[f]
\* included: TLC does not cache a definition of a module that is INSTANCEd with
\* substitutions, so a repeated call would compute the levels again, and every
\* arc test in a set filter would build DirectArcs(f) again.  Binding ArcsTbl[f]
\* once per level cut the start-up of a VfioP2p model by 0.2 s of CPU.)
RECURSIVE Levels(_, _, _, _)
Levels(k, c, t, f) ==
  IF k = 0 THEN <<{t}>>
  ELSE LET L == Levels(k - 1, c, t, f)
           R == L[k]
           A == ArcsTbl[f]
       IN Append(L, R \cup {x \in States :
                              \E n \in R : /\ <<x, n>> \in A
                                           /\ (n = t \/ InteriorOk(n, c, t))})

\* States from which t is reachable with at most k legal arcs (paths c ... t).
ReachIn(k, c, t, f) == Levels(k, c, t, f)[k + 1]

\* Length of the shortest legal path c ... t (99: there is none), with the levels.
DistIn(L, c) ==
  IF \E k \in 0..7 : c \in L[k + 1]
    THEN CHOOSE k \in 0..7 : /\ c \in L[k + 1]
                             /\ (k = 0 \/ c \notin L[k])
    ELSE 99

Dist(c, t, f) == DistIn(Levels(7, c, t, f), c)

\* First hops of shortest legal paths (VfioPathCheck checks there is exactly one).
RuleCandidates(c, t, f) ==
  LET L == Levels(7, c, t, f)
      d == DistIn(L, c)
      A == ArcsTbl[f]
  IN IF d \in 1..7
       THEN {n \in States : /\ <<c, n>> \in A
                            /\ (n = t \/ InteriorOk(n, c, t))
                            /\ n \in L[d]}
       ELSE {}

\* "EINVAL" when the request is rejected.
RuleNext(c, t, f) ==
  CASE ~Supported(c, f) \/ ~Supported(t, f) -> "EINVAL"
    [] c = t                                -> c
    [] OTHER -> LET cands == RuleCandidates(c, t, f)
                IN IF cands = {} THEN "EINVAL" ELSE CHOOSE n \in cands : TRUE

-----------------------------------------------------------------------------
(* The kernel's vfio_mig_get_next_state: table T (all features) plus the    *)
(* skip loop.  T's cells are what the rules give with flags 7, ERROR where  *)
(* the rules reject (target ERROR; STOP_COPY to PRE_COPY or PRE_COPY_P2P),  *)
(* and T[ERROR][any] = ERROR.                                               *)

T(c, t) ==
  CASE c = "ERROR" -> "ERROR"
    [] /\ "BlockedArcMapsToItself" \in Defects
       /\ c = "STOP_COPY" /\ t \in {"PRE_COPY", "PRE_COPY_P2P"} -> "STOP_COPY"
    [] /\ "PreCopyRouteToStopCopy" \in Defects
       /\ c = "RUNNING" /\ t = "STOP_COPY" -> "PRE_COPY"
    [] c = t -> c
    [] OTHER -> LET r == RuleNext(c, t, 7) IN IF r = "EINVAL" THEN "ERROR" ELSE r

\* while (!supported(n)) n = T[n][tgt];  -- before the 2026 fix the loop also
\* runs while n = ERROR, and T[ERROR][tgt] = ERROR: it never exits ("SPIN").
\* TT is T as a function (TT[c][t] = T(c, t)), see KernelNextIn.
RECURSIVE SkipLoop(_, _, _, _, _)
SkipSupported(n, f) ==
  Supported(n, f) \/ ("SkipIgnoresP2pFlag" \in Defects /\ n = "RUNNING_P2P")

SkipLoop(TT, n, t, f, fuel) ==
  IF (SkipLoopFixed => n # "ERROR") /\ ~SkipSupported(n, f)
    THEN LET m == TT[n][t]
         IN IF fuel = 0 \/ m = n THEN "SPIN" ELSE SkipLoop(TT, m, t, f, fuel - 1)
    ELSE n

ErrorTargetBug == "ErrorIsATarget" \in Defects

\* T for the targets in ts, as a function.
TTable(ts) == [c \in States |-> [t \in ts |-> T(c, t)]]

\* vfio_mig_get_next_state, with T given as the function TT.  KernelNext passes
\* TTable, whose cells TLC computes when they are applied, each call again;
\* KernelNextTbl passes TTbl, a constant definition TLC evaluates once (in a
\* module that EXTENDS this one): building KernelNextTbl then costs 0.25 s of
\* CPU less at every VfioFsm model's start.
KernelNextIn(TT, c, t, f) ==
  IF ~Supported(c, f) \/ (~Supported(t, f) /\ ~(ErrorTargetBug /\ t = "ERROR"))
    THEN "EINVAL"
  ELSE LET n == IF ErrorTargetBug /\ t = "ERROR" THEN "ERROR"
                ELSE SkipLoop(TT, TT[c][t], t, f, 8)
       IN IF n = "ERROR" /\ ~ErrorTargetBug THEN "EINVAL" ELSE n

KernelNext(c, t, f) == KernelNextIn(TTable(Targets), c, t, f)

\* Both functions as constant tables: TLC evaluates a zero-arity constant
\* definition once, so the recursive rules are not recomputed per state.
TTbl == TTable(Targets)
RuleNextTbl == [f \in AllFlagSets |-> [c \in States |-> [t \in Targets |-> RuleNext(c, t, f)]]]
KernelNextTbl ==
  [f \in AllFlagSets |-> [c \in States |-> [t \in Targets |-> KernelNextIn(TTbl, c, t, f)]]]

=============================================================================
