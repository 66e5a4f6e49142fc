-------------------- MODULE MC_VfioCompat --------------------
(* The correct policy: seven candidates (the thread's cases), management  *)
(* may skip the checks.                                                   *)
EXTENDS VfioCompat, VfioCompatDevices

MCSource == SrcDev
MCTargets == AllTargets
MCDefects == {}
==============================================================
