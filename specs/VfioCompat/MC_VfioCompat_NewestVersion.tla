-------------------- MODULE MC_VfioCompat_NewestVersion --------------------
(* BROKEN: the source always writes its newest stream version; an older   *)
(* destination that loads only version 1 gets version 2.                  *)
EXTENDS VfioCompat, VfioCompatDevices

MCSource == SrcDev
MCTargets == {SameOlder}
MCDefects == {"NewestVersion"}
============================================================================
