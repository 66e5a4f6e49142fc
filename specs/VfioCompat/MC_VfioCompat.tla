-------------------- MODULE MC_VfioCompat --------------------
(* The correct policy: seven candidates (the thread's cases), management  *)
(* may skip the checks.                                                   *)
EXTENDS VfioCompat, VfioCompatDevices

MCSource == SrcDev
MCTargets == AllTargets
\* The tour's candidates (MC_VfioCompat_Tour.cfg): one of each outcome the replay binding checks
\* (an older compatible version, 1/4 of a parent twice the size, another vendor's namespace, a
\* host-side configuration mismatch); all seven make 201 tours and push the corpus over budget.
MCTourTargets == {SameOlder, QuarterOfDouble, OtherVendor, SameOtherCfg}
MCDefects == {}
==============================================================
