-------------------- MODULE MC_VfioCompat_ExactVersion --------------------
(* BROKEN: every check wants equal versions: a newer destination that     *)
(* loads the source's version is refused.                                 *)
EXTENDS VfioCompat, VfioCompatDevices

MCSource == SrcDev
MCTargets == {SameNewer}
MCDefects == {"ExactVersion"}
===========================================================================
