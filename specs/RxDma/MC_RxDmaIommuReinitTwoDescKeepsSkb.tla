---- MODULE MC_RxDmaIommuReinitTwoDescKeepsSkb ----
(* Broken variant of PartialIsOpen: the driver hands a two-descriptor frame to the stack but leaves its first part in rx_ring->skb (RxDeliver without partial' = << >> on EOP; a TLC operator override). *)
EXTENDS RxDma

MC_N == 3
MC_Packets == {1, 2}
MC_MaxRounds == 1
MC_Tracking == "IOMMU"
MC_Restore == "REINIT"
MC_StopMode == "QEMU_NOTIFY"

(* RxDeliver that does not clear rx_ring->skb when the EOP descriptor completes the frame. *)
MC_RxDeliverKeepsSkb ==
  /\ VcpusRun /\ stage \in {"CHECKED", "PART"}
  /\ IF stage = "PART"
       THEN /\ partial' = <<[buf |-> bufInfo[ntc], pkt |-> curPkt]>>
            /\ UNCHANGED skbQueue
       ELSE /\ skbQueue' = Append(skbQueue,
                   IF partial = << >>
                     THEN [buf |-> bufInfo[ntc], buf2 |-> bufInfo[ntc], pkt |-> curPkt]
                     ELSE [buf |-> partial[1].buf, buf2 |-> bufInfo[ntc], pkt |-> curPkt])
            /\ UNCHANGED partial
  /\ ntc' = Inc(ntc) /\ stage' = "IDLE" /\ curPkt' = 0
  /\ action' = [tag |-> "RxDeliver", slot |-> ntc, buf |-> bufInfo[ntc]]
  /\ UNCHANGED <<ring, buf, RDH, RDT, rxEnable, inflight, qprdc, ntu, bufInfo, rmw, drvMode,
                 delivered, nextPkt, accepted, migVars>>
====
