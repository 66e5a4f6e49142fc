-------------------- MODULE MC_VfioCompat_NoSourceResume --------------------
(* BROKEN: a refused load fails the migration without restarting the VM   *)
(* on the source.                                                         *)
EXTENDS VfioCompat, VfioCompatDevices

MCSource == SrcDev
MCTargets == {SameTooNew}
MCDefects == {"NoSourceResume"}
=============================================================================
