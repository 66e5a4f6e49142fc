-------------------- MODULE MC_VfioCompat_LeakDevice --------------------
(* BROKEN: management gives up a candidate after the instance-level check  *)
(* refused it but does not remove the device it created for it (the mdev   *)
(* keeps its share of the parent).  Written as an override of Reject (no   *)
(* spec defect: the replay binding knows only CompatPolicy's faults).      *)
EXTENDS VfioCompat, VfioCompatDevices

MCSource == SrcDev
MCTargets == {SameOtherCfg}
MCDefects == {}

RejectKeepsDevice ==
  /\ phase \in {"PICKED", "CREATED"}
  /\ type_verdict = "no" \/ inst_verdict = "no"
  /\ phase' = "SELECT" /\ tried' = tried \cup {dst.name}
  /\ action' = [tag |-> "Reject", target |-> dst.name]
  /\ UNCHANGED <<dst, type_verdict, inst_verdict, created, src_state, dst_state, vm, hdr,
                 dst_admin>>
=============================================================================
