-------------------- MODULE MC_VfioCompat_StopCopyKept --------------------
(* BROKEN: after the switchover the source device stays in STOP_COPY (no   *)
(* vfio_save_cleanup STOP_COPY -> STOP): the driver keeps the saved state  *)
(* of a guest that now runs elsewhere.  Written as an override of Complete *)
(* (no spec defect: the replay binding knows only CompatPolicy's faults).  *)
EXTENDS VfioCompat, VfioCompatDevices

MCSource == SrcDev
MCTargets == {SameOlder}
MCDefects == {}

CompleteKeepsStopCopy ==
  /\ phase = "LOADED"
  /\ phase' = "DONE" /\ dst_state' = "RUNNING" /\ vm' = "DST"
  /\ action' = [tag |-> "Complete", target |-> dst.name]
  /\ UNCHANGED <<dst, tried, type_verdict, inst_verdict, created, src_state, hdr, dst_admin>>
=============================================================================
