-------------------- MODULE MC_VfioCompat_RetryRefused --------------------
(* BROKEN: management does not remember a candidate it gave up on (Reject  *)
(* leaves tried alone), so it picks the refused device again and again and *)
(* the selection never ends.  Written as an override of Reject (no spec    *)
(* defect: the replay binding knows only CompatPolicy's faults).           *)
EXTENDS VfioCompat, VfioCompatDevices

MCSource == SrcDev
MCTargets == {OtherVendor}
MCDefects == {}

RejectForgets ==
  /\ phase \in {"PICKED", "CREATED"}
  /\ type_verdict = "no" \/ inst_verdict = "no"
  /\ phase' = "SELECT" /\ created' = FALSE
  /\ action' = [tag |-> "Reject", target |-> dst.name]
  /\ UNCHANGED <<dst, tried, type_verdict, inst_verdict, src_state, dst_state, vm, hdr, dst_admin>>
=============================================================================
