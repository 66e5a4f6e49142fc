------------------- MODULE MC_VfioFsm_FdNotDisabledRead -------------------
(* BROKEN (SavingFdNotDisabled, as VfioFsm_FdNotDisabled): leaving the      *)
(* saving group does not disable the saving fd, so a read() on it after the *)
(* session ended is not refused with -ENODEV (the fd is still live, with no *)
(* session to read from: EINVAL).  The broken variant of                    *)
(* DisabledFdReadsEnodev, which MC_VfioFsm_Concurrent defines; the same     *)
(* constants as that model, with the defect.                                *)
EXTENDS MC_VfioFsm_Concurrent

MCDefectsFdKept == {"SavingFdNotDisabled"}
==============================================================================
