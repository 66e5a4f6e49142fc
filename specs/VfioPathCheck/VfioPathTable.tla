---------------------------- MODULE VfioPathTable -----------------------------
(***************************************************************************)
(* The reference's answer tables, transcribed cell by cell as DATA, with   *)
(* no rule in sight (shared/reference/vfio-v2.md §3.3, §3.4): for every    *)
(* advertised flag set, current state and requested target, the state      *)
(* vfio_mig_get_next_state returns.  Cell codes as in the reference:       *)
(*   "="  cur = tgt (the driver never calls the helper; a no-op SET)       *)
(*   "E"  -EINVAL      "E!"  -EINVAL with a kernel WARN (current state bad) *)
(* plus, for flags 7, the "full SET outcome" list of §3.3: arcs per SET    *)
(* and whether a new data_fd comes back.  VfioPathCheck compares VfioArcs' *)
(* RuleNext and KernelNext with these tables for every request.            *)
(***************************************************************************)
EXTENDS Naturals

\* Column order of every row: STOP, RUN, SC, RES, RP2P, PC, PCP2P, ERR.
Cols == <<"STOP", "RUNNING", "STOP_COPY", "RESUMING", "RUNNING_P2P",
          "PRE_COPY", "PRE_COPY_P2P", "ERROR">>

Abbrev(a) ==
  CASE a = "STOP" -> "STOP" [] a = "RUN" -> "RUNNING" [] a = "SC" -> "STOP_COPY"
    [] a = "RES" -> "RESUMING" [] a = "RP2P" -> "RUNNING_P2P" [] a = "PC" -> "PRE_COPY"
    [] a = "PCP2P" -> "PRE_COPY_P2P" [] a = "ERR" -> "ERROR"
    [] a \in {"=", "E", "E!"} -> a

Row(r) == [t \in {Cols[i] : i \in 1..8} |->
             Abbrev(r[CHOOSE i \in 1..8 : Cols[i] = t])]

ErrRow == Row(<<"E!", "E!", "E!", "E!", "E!", "E!", "E!", "E!">>)

\* §3.3, flags 7 (SC|P2P|PC): the kernel's vfio_from_fsm_table.
Table7 ==
  [c \in {"STOP", "RUNNING", "STOP_COPY", "RESUMING", "RUNNING_P2P", "PRE_COPY",
          "PRE_COPY_P2P", "ERROR"} |->
    CASE c = "STOP"         -> Row(<<"=",    "RP2P", "SC",    "RES",  "RP2P", "RP2P", "RP2P",  "E">>)
      [] c = "RUNNING"      -> Row(<<"RP2P", "=",    "RP2P",  "RP2P", "RP2P", "PC",   "RP2P",  "E">>)
      [] c = "STOP_COPY"    -> Row(<<"STOP", "STOP", "=",     "STOP", "STOP", "E",    "E",     "E">>)
      [] c = "RESUMING"     -> Row(<<"STOP", "STOP", "STOP",  "=",    "STOP", "STOP", "STOP",  "E">>)
      [] c = "RUNNING_P2P"  -> Row(<<"STOP", "RUN",  "STOP",  "STOP", "=",    "RUN",  "PCP2P", "E">>)
      [] c = "PRE_COPY"     -> Row(<<"RUN",  "RUN",  "PCP2P", "RUN",  "RUN",  "=",    "PCP2P", "E">>)
      [] c = "PRE_COPY_P2P" -> Row(<<"RP2P", "RP2P", "SC",    "RP2P", "RP2P", "PC",   "=",     "E">>)
      [] c = "ERROR"        -> ErrRow]

\* §3.4, flags 3 (SC|P2P).
Table3 ==
  [c \in {"STOP", "RUNNING", "STOP_COPY", "RESUMING", "RUNNING_P2P", "ERROR"} |->
    CASE c = "STOP"        -> Row(<<"=",    "RP2P", "SC",   "RES",  "RP2P", "E", "E", "E">>)
      [] c = "RUNNING"     -> Row(<<"RP2P", "=",    "RP2P", "RP2P", "RP2P", "E", "E", "E">>)
      [] c = "STOP_COPY"   -> Row(<<"STOP", "STOP", "=",    "STOP", "STOP", "E", "E", "E">>)
      [] c = "RESUMING"    -> Row(<<"STOP", "STOP", "STOP", "=",    "STOP", "E", "E", "E">>)
      [] c = "RUNNING_P2P" -> Row(<<"STOP", "RUN",  "STOP", "STOP", "=",    "E", "E", "E">>)
      [] c = "ERROR"       -> ErrRow]

\* §3.4, flags 5 (SC|PC).
Table5 ==
  [c \in {"STOP", "RUNNING", "STOP_COPY", "RESUMING", "PRE_COPY", "ERROR"} |->
    CASE c = "STOP"      -> Row(<<"=",    "RUN",  "SC",   "RES",  "E", "RUN",  "E", "E">>)
      [] c = "RUNNING"   -> Row(<<"STOP", "=",    "STOP", "STOP", "E", "PC",   "E", "E">>)
      [] c = "STOP_COPY" -> Row(<<"STOP", "STOP", "=",    "STOP", "E", "E",    "E", "E">>)
      [] c = "RESUMING"  -> Row(<<"STOP", "STOP", "STOP", "=",    "E", "STOP", "E", "E">>)
      [] c = "PRE_COPY"  -> Row(<<"RUN",  "RUN",  "SC",   "RUN",  "E", "=",    "E", "E">>)
      [] c = "ERROR"     -> ErrRow]

\* §3.4, flags 1 (SC only).
Table1 ==
  [c \in {"STOP", "RUNNING", "STOP_COPY", "RESUMING", "ERROR"} |->
    CASE c = "STOP"      -> Row(<<"=",    "RUN",  "SC",   "RES",  "E", "E", "E", "E">>)
      [] c = "RUNNING"   -> Row(<<"STOP", "=",    "STOP", "STOP", "E", "E", "E", "E">>)
      [] c = "STOP_COPY" -> Row(<<"STOP", "STOP", "=",    "STOP", "E", "E", "E", "E">>)
      [] c = "RESUMING"  -> Row(<<"STOP", "STOP", "STOP", "=",    "E", "E", "E", "E">>)
      [] c = "ERROR"     -> ErrRow]

\* §1: enum vfio_device_mig_state, the ABI values.
RefAbi == [s \in {"ERROR", "STOP", "RUNNING", "STOP_COPY", "RESUMING", "RUNNING_P2P",
                  "PRE_COPY", "PRE_COPY_P2P"} |->
  CASE s = "ERROR" -> 0 [] s = "STOP" -> 1 [] s = "RUNNING" -> 2 [] s = "STOP_COPY" -> 3
    [] s = "RESUMING" -> 4 [] s = "RUNNING_P2P" -> 5 [] s = "PRE_COPY" -> 6
    [] s = "PRE_COPY_P2P" -> 7]

RefNextStep == [f \in {1, 3, 5, 7} |->
                  CASE f = 1 -> Table1 [] f = 3 -> Table3 [] f = 5 -> Table5 [] f = 7 -> Table7]

\* §3.3 "full SET outcome", flags 7: <<arcs, new fd?>> for each cur # tgt
\* (targets the flags support; SC -> PC/PCP2P are errors and absent).
O(n, fd) == <<n, fd>>
Outcome7 ==
  [c \in {"STOP", "RUNNING", "STOP_COPY", "RESUMING", "RUNNING_P2P", "PRE_COPY",
          "PRE_COPY_P2P"} |->
    CASE c = "STOP" ->
           [t \in {"RUNNING", "STOP_COPY", "RESUMING", "RUNNING_P2P", "PRE_COPY", "PRE_COPY_P2P"} |->
              CASE t = "RUNNING" -> O(2, FALSE) [] t = "STOP_COPY" -> O(1, TRUE)
                [] t = "RESUMING" -> O(1, TRUE) [] t = "RUNNING_P2P" -> O(1, FALSE)
                [] t = "PRE_COPY" -> O(3, TRUE) [] t = "PRE_COPY_P2P" -> O(2, TRUE)]
      [] c = "RUNNING" ->
           [t \in {"STOP", "STOP_COPY", "RESUMING", "RUNNING_P2P", "PRE_COPY", "PRE_COPY_P2P"} |->
              CASE t = "STOP" -> O(2, FALSE) [] t = "STOP_COPY" -> O(3, TRUE)
                [] t = "RESUMING" -> O(3, TRUE) [] t = "RUNNING_P2P" -> O(1, FALSE)
                [] t = "PRE_COPY" -> O(1, TRUE) [] t = "PRE_COPY_P2P" -> O(2, TRUE)]
      [] c = "STOP_COPY" ->
           [t \in {"STOP", "RUNNING", "RESUMING", "RUNNING_P2P"} |->
              CASE t = "STOP" -> O(1, FALSE) [] t = "RUNNING" -> O(3, FALSE)
                [] t = "RESUMING" -> O(2, TRUE) [] t = "RUNNING_P2P" -> O(2, FALSE)]
      [] c = "RESUMING" ->
           [t \in {"STOP", "RUNNING", "STOP_COPY", "RUNNING_P2P", "PRE_COPY", "PRE_COPY_P2P"} |->
              CASE t = "STOP" -> O(1, FALSE) [] t = "RUNNING" -> O(3, FALSE)
                [] t = "STOP_COPY" -> O(2, TRUE) [] t = "RUNNING_P2P" -> O(2, FALSE)
                [] t = "PRE_COPY" -> O(4, TRUE) [] t = "PRE_COPY_P2P" -> O(3, TRUE)]
      [] c = "RUNNING_P2P" ->
           [t \in {"STOP", "RUNNING", "STOP_COPY", "RESUMING", "PRE_COPY", "PRE_COPY_P2P"} |->
              CASE t = "STOP" -> O(1, FALSE) [] t = "RUNNING" -> O(1, FALSE)
                [] t = "STOP_COPY" -> O(2, TRUE) [] t = "RESUMING" -> O(2, TRUE)
                [] t = "PRE_COPY" -> O(2, TRUE) [] t = "PRE_COPY_P2P" -> O(1, TRUE)]
      [] c = "PRE_COPY" ->
           [t \in {"STOP", "RUNNING", "STOP_COPY", "RESUMING", "RUNNING_P2P", "PRE_COPY_P2P"} |->
              CASE t = "STOP" -> O(3, FALSE) [] t = "RUNNING" -> O(1, FALSE)
                [] t = "STOP_COPY" -> O(2, FALSE) [] t = "RESUMING" -> O(4, TRUE)
                [] t = "RUNNING_P2P" -> O(2, FALSE) [] t = "PRE_COPY_P2P" -> O(1, FALSE)]
      [] c = "PRE_COPY_P2P" ->
           [t \in {"STOP", "RUNNING", "STOP_COPY", "RESUMING", "RUNNING_P2P", "PRE_COPY"} |->
              CASE t = "STOP" -> O(2, FALSE) [] t = "RUNNING" -> O(2, FALSE)
                [] t = "STOP_COPY" -> O(1, FALSE) [] t = "RESUMING" -> O(3, TRUE)
                [] t = "RUNNING_P2P" -> O(1, FALSE) [] t = "PRE_COPY" -> O(1, FALSE)]]
==============================================================================
