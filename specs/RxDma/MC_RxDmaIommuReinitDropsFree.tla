---- MODULE MC_RxDmaIommuReinitDropsFree ----
(* Broken variant of DropOnlyWhenFull: a VF that drops a frame while it owns a free descriptor (RxDrop without its ~CanTake guard, a TLC operator override). *)
EXTENDS RxDma

MC_N == 2
MC_Packets == {1}
MC_MaxRounds == 1
MC_Tracking == "IOMMU"
MC_Restore == "REINIT"
MC_StopMode == "QEMU_NOTIFY"

(* RxDrop without ~CanTake: the frame is dropped (and counted) whatever the ring holds. *)
MC_RxDropAnyTime(p) ==
  /\ p = nextPkt /\ Len(inflight) < MaxInflight * FrameDescs
  /\ nextPkt' = p + 1 /\ qprdc' = qprdc + 1
  /\ action' = [tag |-> "RxDrop", pkt |-> p]
  /\ UNCHANGED <<ring, buf, RDH, RDT, rxEnable, inflight, drvVars, skbQueue, delivered,
                 accepted, migVars>>
====
