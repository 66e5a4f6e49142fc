-------------------- MODULE MC_VfioCompat_NoLoadCheck --------------------
(* BROKEN: RESUMING -> STOP loads any stream: with the checks skipped, an *)
(* incompatible stream is loaded.                                         *)
EXTENDS VfioCompat, VfioCompatDevices

MCSource == SrcDev
MCTargets == {SameTooNew}
MCDefects == {"NoLoadCheck"}
==========================================================================
