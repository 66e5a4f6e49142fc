-------------------- MODULE MC_VfioCompat_SkipAfterNo --------------------
(* BROKEN: when the type-level check says no, management falls back to    *)
(* migrating without the checks (as it would to a driver without the      *)
(* attribute).  Written as an override of SkipChecks (no spec defect: the *)
(* replay binding knows only CompatPolicy's faults).                      *)
EXTENDS VfioCompat, VfioCompatDevices

MCSource == SrcDev
MCTargets == {OtherVendor}
MCDefects == {}

SkipChecksAfterNo ==
  /\ MaySkipChecks
  /\ phase = "PICKED" /\ type_verdict \in {"none", "no"}
  /\ phase' = "READY" /\ created' = TRUE
  /\ type_verdict' = "skipped" /\ inst_verdict' = "skipped"
  /\ action' = [tag |-> "SkipChecks", target |-> dst.name]
  /\ UNCHANGED <<dst, tried, src_state, dst_state, vm, hdr, dst_admin>>
=============================================================================
