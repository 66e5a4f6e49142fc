-------------------- MODULE MC_VfioCompat_OverwriteAdmin --------------------
(* BROKEN: the load applies the source's administrator settings to the    *)
(* destination (the emulator's restore before this change).               *)
EXTENDS VfioCompat, VfioCompatDevices

MCSource == SrcDev
MCTargets == {QuarterOfDouble}
MCDefects == {"OverwriteAdmin"}
=============================================================================
