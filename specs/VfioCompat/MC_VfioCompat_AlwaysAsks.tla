-------------------- MODULE MC_VfioCompat_AlwaysAsks --------------------
(* A management layer that always asks the checks (MaySkipChecks = FALSE):  *)
(* the tour's four candidates (an older compatible version, 1/4 of a parent *)
(* twice the size, another vendor, another host-side configuration).  The   *)
(* checks alone must pick a compatible one; no load is ever refused.        *)
EXTENDS VfioCompat, VfioCompatDevices

MCSource == SrcDev
MCTargets == {SameOlder, QuarterOfDouble, OtherVendor, SameOtherCfg}
MCDefects == {}
=============================================================================
