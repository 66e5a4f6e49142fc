-------------------- MODULE MC_VfioCompat --------------------
(* The correct policy: six candidates (the thread's cases), management    *)
(* may skip the checks.                                                   *)
EXTENDS VfioCompat, VfioCompatDevices

MCSource == SrcDev
MCTargets == AllTargets
MCDefects == {}
==============================================================
