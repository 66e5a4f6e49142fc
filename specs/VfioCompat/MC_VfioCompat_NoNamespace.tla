-------------------- MODULE MC_VfioCompat_NoNamespace --------------------
(* BROKEN: compatibility strings without a vendor namespace; another      *)
(* vendor's string collides and every check accepts it.                   *)
EXTENDS VfioCompat, VfioCompatDevices

MCSource == SrcDev
MCTargets == {OtherVendor}
MCDefects == {"NoNamespace"}
==========================================================================
