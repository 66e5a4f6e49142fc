---------------------------- MODULE VfioCompatDevices ----------------------------
(* The devices of the VfioCompat models.  The source is an mdev that is half *)
(* of a 2-unit parent (Yan Zhao's mdev1, 21 Apr 2020); each candidate stands *)
(* for one case of the thread.  Versions: the source saves 1..2 and loads    *)
(* 1..2.  Every candidate has administrator settings of its own.             *)

SrcDev == [name |-> "src", vendor |-> "intel", fn |-> "gpu", kind |-> "mdev",
           type |-> "gpu-half", psize |-> 2, share |-> 2, save |-> {1, 2}, load |-> {1, 2},
           hostcfg |-> 1, admin |-> "admin-src"]

\* Same type on a newer driver: loads 1..3 but saves only 3 (compatible: the
\* source writes 2; the reverse direction is not: the source cannot load 3).
SameNewer == [name |-> "same-newer", vendor |-> "intel", fn |-> "gpu", kind |-> "mdev",
              type |-> "gpu-half", psize |-> 2, share |-> 2, save |-> {3}, load |-> {1, 2, 3},
              hostcfg |-> 1, admin |-> "admin-1"]
\* Same type on an older driver that knows only version 1 (compatible: the
\* source writes 1, not its newest 2).
SameOlder == [name |-> "same-older", vendor |-> "intel", fn |-> "gpu", kind |-> "mdev",
              type |-> "gpu-half", psize |-> 2, share |-> 2, save |-> {1}, load |-> {1},
              hostcfg |-> 1, admin |-> "admin-0"]
\* 1/4 of a parent twice the size: another type, the same resources (compatible).
QuarterOfDouble == [name |-> "quarter-of-double", vendor |-> "intel", fn |-> "gpu",
                    kind |-> "mdev", type |-> "gpu-quarter", psize |-> 4, share |-> 4,
                    save |-> {1, 2}, load |-> {1, 2}, hostcfg |-> 1, admin |-> "admin-2"]
\* A whole physical function of a 2-unit device: twice the resources (incompatible).
PhysWhole == [name |-> "phys-whole", vendor |-> "intel", fn |-> "gpu", kind |-> "phys",
              type |-> "", psize |-> 2, share |-> 1, save |-> {1, 2}, load |-> {1, 2},
              hostcfg |-> 1, admin |-> "admin-3"]
\* Another vendor's mdev with the same function, shape and versions (incompatible).
OtherVendor == [name |-> "other-vendor", vendor |-> "nvidia", fn |-> "gpu", kind |-> "mdev",
                type |-> "gpu-half", psize |-> 2, share |-> 2, save |-> {1, 2}, load |-> {1, 2},
                hostcfg |-> 1, admin |-> "admin-4"]
\* Same type on a driver that loads only version 3 (incompatible: too new).
SameTooNew == [name |-> "same-too-new", vendor |-> "intel", fn |-> "gpu", kind |-> "mdev",
               type |-> "gpu-half", psize |-> 2, share |-> 2, save |-> {3}, load |-> {3},
               hostcfg |-> 1, admin |-> "admin-5"]
\* Same type, another host-side configuration (incompatible; only the
\* instance-level check sees it).
SameOtherCfg == [name |-> "same-other-cfg", vendor |-> "intel", fn |-> "gpu", kind |-> "mdev",
                 type |-> "gpu-half", psize |-> 2, share |-> 2, save |-> {1, 2},
                 load |-> {1, 2}, hostcfg |-> 2, admin |-> "admin-6"]

AllTargets == {SameOlder, SameNewer, QuarterOfDouble, PhysWhole, OtherVendor, SameTooNew, SameOtherCfg}
==============================================================================
