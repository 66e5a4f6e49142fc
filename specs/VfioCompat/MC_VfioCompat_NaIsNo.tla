-------------------- MODULE MC_VfioCompat_NaIsNo --------------------
(* BROKEN: management reads the type-level check's "does not apply" (mdevs *)
(* of two types, or an mdev and a physical function) as a refusal, and     *)
(* gives up 1/4 of a parent twice the size, which is compatible.  Written  *)
(* as an override of TypeCheck (no spec defect: the replay binding knows   *)
(* only CompatPolicy's faults).                                            *)
EXTENDS VfioCompat, VfioCompatDevices

MCSource == SrcDev
MCTargets == {QuarterOfDouble}
MCDefects == {}

TypeCheckNaIsNo ==
  /\ phase = "PICKED" /\ type_verdict = "none"
  /\ type_verdict' = IF TypeApplies(Source, dst) /\ TypeAnswer(Source, dst) THEN "yes" ELSE "no"
  /\ action' = [tag |-> "TypeCheck", target |-> dst.name]
  /\ UNCHANGED <<phase, dst, tried, inst_verdict, created, src_state, dst_state, vm, hdr,
                 dst_admin>>
=============================================================================
