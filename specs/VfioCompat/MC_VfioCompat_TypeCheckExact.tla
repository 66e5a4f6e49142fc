-------------------- MODULE MC_VfioCompat_TypeCheckExact --------------------
(* BROKEN: the type-level callback compares versions for equality while   *)
(* the instance-level one takes a range, so the type-level check refuses  *)
(* a same-type destination the instance check accepts.                    *)
EXTENDS VfioCompat, VfioCompatDevices

MCSource == SrcDev
MCTargets == {SameNewer}
MCDefects == {"TypeCheckExact"}
=============================================================================
