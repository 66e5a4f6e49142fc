------------------- MODULE MC_VfioFsm_DirtyUnderreport -------------------
(* K2, mlx5 before 4928f67bc911: dirty_bytes reports only the current      *)
(* chunk, without the queued chunks behind it and without the device's     *)
(* increment not yet saved: an under-estimate.  HOLDS: vfio.h calls the    *)
(* values estimates, and the one promise they carry (0 and 0 only at the   *)
(* temporary end) still holds, because the current chunk is non-empty      *)
(* whenever anything is queued.  See specs/README.md.                      *)
EXTENDS VfioFsm

MCFlagSets == {5}
MCDefects == {"DirtyBytesUnderreport"}
==============================================================================
