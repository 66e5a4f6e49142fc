----------------- MODULE MC_VfioFsm_RacingResetInSession -----------------
(* VfioFsm_RacingReset with a session open before the racing SET: flags 5  *)
(* (PRE_COPY without P2P), three ioctls, the reset racing the second SET,  *)
(* so the race can hit an arc that leaves a session (PRE_COPY -> RUNNING,  *)
(* STOP_COPY -> STOP) or enters one from a state that had one.  There the  *)
(* reset's bookkeeping (fds disabled, no session) and the arc's end agree  *)
(* whenever the arc ends outside the sessions, and the properties of       *)
(* VfioFsm_RacingReset hold.  The race is the last ioctl (RaceIsLastIoctl, *)
(* a scope of the model, not of the driver): a SET after a race that left  *)
(* a saving state without its session continues in the group with no fd,  *)
(* which is the broken world VfioFsm_ImmediateReset already shows.  With    *)
(* flags 5 no SET walks two arcs inside the saving group, so the SET a     *)
(* reset raced does not continue there either.                              *)
EXTENDS MC_VfioFsm_RacingReset

MCFlagSetsPreCopy == {5}

RaceIsLastIoctl == action.tag = "ResetRacesArc" => ioctl_count = MaxOps
==============================================================================
