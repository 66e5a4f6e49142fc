-------------------- MODULE MC_VfioCompat_IgnoreHostCfg --------------------
(* BROKEN: management's instance check ignores the host-side (PF-side)    *)
(* configuration; the load refuses what the check accepted.               *)
EXTENDS VfioCompat, VfioCompatDevices

MCSource == SrcDev
MCTargets == {SameOtherCfg}
MCDefects == {"IgnoreHostCfg"}
============================================================================
