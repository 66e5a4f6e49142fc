-------------------- MODULE MC_VfioCompat_NoneCompatible --------------------
(* No candidate is compatible: the whole physical function (twice the      *)
(* resources: the instance-level check refuses it), another vendor's mdev  *)
(* (the type-level check refuses it), another host-side configuration      *)
(* (only the instance-level check sees it).  Management may skip the       *)
(* checks (then the load refuses).  Every run ends in NOTARGET with the VM  *)
(* on the source.                                                          *)
EXTENDS VfioCompat, VfioCompatDevices

MCSource == SrcDev
MCTargets == {PhysWhole, OtherVendor, SameOtherCfg}
MCDefects == {}
=============================================================================
