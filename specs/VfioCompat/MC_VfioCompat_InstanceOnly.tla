-------------------- MODULE MC_VfioCompat_InstanceOnly --------------------
(* BROKEN: a management layer that knows only the instance-level attribute *)
(* records the type-level check as not applicable and creates an mdev for  *)
(* another vendor's device of the same type before any check refuses it.   *)
(* Written as an override of TypeCheck (no spec defect: the replay binding *)
(* knows only CompatPolicy's faults).                                      *)
EXTENDS VfioCompat, VfioCompatDevices

MCSource == SrcDev
MCTargets == {OtherVendor}
MCDefects == {}

TypeCheckNeverApplies ==
  /\ phase = "PICKED" /\ type_verdict = "none"
  /\ type_verdict' = "na"
  /\ action' = [tag |-> "TypeCheck", target |-> dst.name]
  /\ UNCHANGED <<phase, dst, tried, inst_verdict, created, src_state, dst_state, vm, hdr,
                 dst_admin>>
=============================================================================
