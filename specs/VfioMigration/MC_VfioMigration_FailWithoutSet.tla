-------------------- MODULE MC_VfioMigration_FailWithoutSet --------------------
(* BROKEN, the broken variant of FailsOnlyInSet: the model of               *)
(* VfioMigration_Fail with an arc failure that needs no SET in flight (the  *)
(* device guards of ArcFails dropped, as by a device that reported errors   *)
(* of its own, which the uAPI has no channel for).  The destination fails   *)
(* at the start, before QEMU issued any SET: FailsOnlyInSet is violated in  *)
(* 2 states.  Every other property of VfioMigration_Fail still holds under  *)
(* that wider fault model, which is why FailsOnlyInSet exists.              *)
EXTENDS MC_VfioMigration_Fail

MC_ArcFailsWithoutSet(d, outcome) ==
  /\ ArcsMayFail /\ set_failed = "NONE" /\ phase # "SUCCEEDED"
  /\ IF d = "SRC"
       THEN /\ IF outcome = "ERROR" THEN src_state' = "ERROR" /\ src_live' = 0
                                    ELSE UNCHANGED <<src_state, src_live>>
            /\ UNCHANGED <<dst_state, dst_live>>
       ELSE /\ IF outcome = "ERROR" THEN dst_state' = "ERROR" /\ dst_live' = 0
                                    ELSE UNCHANGED <<dst_state, dst_live>>
            /\ UNCHANGED <<src_state, src_live>>
  /\ set_failed' = d
  /\ action' = [tag |-> "ArcFails", dev |-> d, outcome |-> outcome]
  /\ UNCHANGED <<flags, phase, src_device, guest_view, src_sent_ver, src_eof, src_read, wire,
                 dst_written, dst_device, src_stop_ver, src_tgt, dst_tgt, src_nfd, dst_nfd,
                 src_fd, dst_fd, dst_acked>>
================================================================================
