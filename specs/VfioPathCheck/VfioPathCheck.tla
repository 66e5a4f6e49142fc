---------------------------- MODULE VfioPathCheck -----------------------------
(***************************************************************************)
(* Every (flags, current state, target) request, one initial state each;   *)
(* the invariants compare what VfioArcs computes with the reference tables *)
(* of VfioPathTable, which is the issue's "test checks the resolved paths  *)
(* against the table", run inside TLC.  Table is a CONSTANT so that a      *)
(* broken model can hand in a table with a deliberately wrong cell and see *)
(* the check fail.                                                         *)
(***************************************************************************)
EXTENDS VfioArcs, VfioPathTable

CONSTANTS
  Table,   \* [flags -> [current -> [target -> cell]]], cells as in VfioPathTable
  Outcome  \* flags 7: [current -> [target -> <<arcs, new fd?>>]], as Outcome7

\* The request (flags, device_state, set_target) and every answer the spec
\* derives for it, so that a trace carries the answers and replay can compare
\* them with the answers of the implementation's SET (the device's path, the
\* new data_fd, its next-step function, its ABI values).  The answers are
\* functions of the request, fixed by Init: the state space is the 225
\* requests either way.
VARIABLES
  action, flags, device_state, set_target,
  abi,              \* StateValue: the ABI value of every state
  table_next,       \* the reference table's cell as a next state or "EINVAL"
  rule_candidates,  \* first hops of shortest legal paths under the header's rules
  kernel_next,      \* vfio_mig_get_next_state: a state, "EINVAL" or "SPIN"
  set_path,         \* the states the driver loop walks (<<>> when the SET fails)
  new_fd,           \* the SET returns a new data_fd
  fd_arcs,          \* the direct arcs of the flag set that open a session
  outcome           \* flags 7: the reference's [arcs, fd] entry; arcs = -1 elsewhere
request == <<flags, device_state, set_target>>
answers == <<abi, table_next, rule_candidates, kernel_next, set_path, new_fd, fd_arcs, outcome>>
vars == <<action, request, answers>>

\* A table cell as a next state or "EINVAL".
Expected(f, c, t) ==
  LET cell == IF t = "OUT_OF_RANGE" THEN "E" ELSE Table[f][c][t]
  IN CASE cell = "=" -> c [] cell \in {"E", "E!"} -> "EINVAL" [] OTHER -> cell

\* The full path the driver loop walks (kernel next-step, fixed skip loop).
RECURSIVE Walk(_, _, _, _)
Walk(c, t, f, fuel) ==
  IF c = t \/ fuel = 0 THEN <<c>>
  ELSE LET n == KernelNextTbl[f][c][t]
       IN IF n \in States THEN <<c>> \o Walk(n, t, f, fuel - 1) ELSE <<c>>

\* The session a state has, from the per-state text of vfio.h (independent of
\* the per-arc list OpensSession and of the reference's NewFdRule): the three
\* saving states share one saving session ("PRE_COPY ... STOP_COPY: the same
\* data_fd"), RESUMING has a resuming session, every other state none.
SessionOf(s) ==
  CASE s \in {"PRE_COPY", "PRE_COPY_P2P", "STOP_COPY"} -> "SAVING"
    [] s = "RESUMING" -> "RESUMING"
    [] OTHER -> "NONE"

\* What the session rules say a successful SET returns: a new data_fd exactly
\* when the target has a session the current state does not have.
SessionNewFd(cur, tgt) == SessionOf(tgt) # "NONE" /\ SessionOf(tgt) # SessionOf(cur)

\* What the driver does along the walked path: the SET returns the fd of the
\* last arc that opened a session (OpensSession), if no later arc left it.
WalkNewFd(p) ==
  \E i \in 1..(Len(p) - 1) :
    /\ OpensSession(p[i], p[i + 1])
    /\ \A j \in (i + 1)..Len(p) : SessionOf(p[j]) = SessionOf(p[i + 1])

\* The driver loop's path when it reaches the target, else <<>> (the SET
\* fails with EINVAL, or the pre-fix skip loop never returns).
DriverPath(f, c, t) ==
  LET p == Walk(c, t, f, 8)
  IN IF t \in States /\ KernelNextTbl[f][c][t] \in States /\ p[Len(p)] = t THEN p ELSE <<>>

\* The reference's "full SET outcome" for flags 7, where it has an entry.
OutcomeOf(f, c, t) ==
  IF f = 7 /\ c # t /\ c \in DOMAIN Outcome /\ t \in DOMAIN Outcome[c]
    THEN [arcs |-> Outcome[c][t][1], fd |-> Outcome[c][t][2]]
    ELSE [arcs |-> -1, fd |-> FALSE]

Init ==
  /\ action = [tag |-> "Init"]
  /\ flags \in AllFlagSets
  /\ device_state \in SupportedStates(flags) \cup {"ERROR"}
  /\ set_target \in Targets
  /\ abi = StateValue
  /\ table_next = Expected(flags, device_state, set_target)
  /\ rule_candidates = RuleCandidates(device_state, set_target, flags)
  /\ kernel_next = KernelNextTbl[flags][device_state][set_target]
  /\ set_path = DriverPath(flags, device_state, set_target)
  /\ new_fd = (set_path # <<>> /\ WalkNewFd(set_path))
  /\ fd_arcs = {a \in ArcsTbl[flags] : OpensSession(a[1], a[2])}
  /\ outcome = OutcomeOf(flags, device_state, set_target)

\* Nothing happens: each request is one initial state.
Stay == /\ action' = [tag |-> "Stay"] /\ UNCHANGED <<request, answers>>
Next == Stay
Spec == Init /\ [][Next]_vars

\* The invariants below are stated over the answer variables (never over a
\* second evaluation of the definitions Init used), so that an answer a
\* replayed device is compared with is also an answer some invariant checks.

\* The current state carries its ABI value of enum vfio_device_mig_state (a
\* typed encoding: the value of the reference's §1 table, shared with no
\* other state).
AbiValuesMatch ==
  /\ abi[device_state] = RefAbi[device_state]
  /\ \A u \in States \ {device_state} : abi[u] # abi[device_state]

\* The rule-based next step equals the reference table's cell.
RuleMatchesTable ==
  device_state # "ERROR" => RuleNextTbl[flags][device_state][set_target] = table_next

\* The kernel's table-plus-skip-loop next step equals the reference table's
\* cell too (ERROR as current state included: -EINVAL).
KernelMatchesTable == kernel_next = table_next

\* The driver loop walks a shortest legal path: vfio.h's combination-arc rule
\* (the comment above enum vfio_device_mig_state) has the kernel take the
\* shortest path that avoids ERROR and the saving group's interior, and
\* vfio_mig_get_next_state's table is built to give it.  Dist counts that
\* path's arcs from the rules alone, so a kernel table with a detour, or a
\* wrong distance in the rules (RuleNext's first hops are picked by it), shows.
PathIsShortest ==
  table_next \in States => Len(set_path) - 1 = Dist(device_state, set_target, flags)

\* The rules never leave a choice: at most one first hop of a shortest legal path.
ShortestPathUnique == device_state # "ERROR" => Cardinality(rule_candidates) <= 1

\* The new-fd rule checked against the session rules, not against a second
\* transcription: every direct arc of the flag set opens a session exactly
\* when it enters a session its source state lacks, and every SET the kernel
\* resolves returns a new fd exactly when the session rules say so (both for
\* the driver's per-arc fds along the walked path and for the reference's
\* NewFdRule).
NewFdFromSessions ==
  /\ \A a \in ArcsTbl[flags] : (a \in fd_arcs) <=> SessionNewFd(a[1], a[2])
  /\ (table_next \in States /\ device_state # set_target) =>
       /\ new_fd = SessionNewFd(device_state, set_target)
       /\ NewFdRule(device_state, set_target) = SessionNewFd(device_state, set_target)

\* The driver loop reaches the target in at most four direct arcs whenever
\* the first step is not rejected, and for flags 7 the reference's "full SET
\* outcome" has an entry for every SET that moves, whose number of arcs and
\* new-fd rule agree with the walk.
PathMatchesOutcome ==
  /\ (flags = 7 /\ table_next \in States /\ device_state # set_target) => outcome.arcs # -1
  /\ table_next \in States =>
       /\ set_path # <<>>
       /\ set_path[Len(set_path)] = set_target
       /\ Len(set_path) - 1 <= 4
       /\ \A i \in 1..(Len(set_path) - 1) : <<set_path[i], set_path[i + 1]>> \in DirectArcs(flags)
  /\ outcome.arcs # -1 =>
       /\ Len(set_path) - 1 = outcome.arcs
       /\ NewFdRule(device_state, set_target) = outcome.fd
==============================================================================
