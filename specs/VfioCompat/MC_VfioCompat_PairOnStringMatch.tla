-------------------- MODULE MC_VfioCompat_PairOnStringMatch --------------------
(* BROKEN: mdev <-> physical accepted on a string match: the string names *)
(* the function, not its share of the parent.                             *)
EXTENDS VfioCompat, VfioCompatDevices

MCSource == SrcDev
MCTargets == {PhysWhole}
MCDefects == {"PairOnStringMatch"}
================================================================================
