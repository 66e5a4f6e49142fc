---- MODULE MC_RxDmaIommuReinitNoTail ----
(* Broken variant of TailAgrees: the destination's re-init arms the ring and enables the queue but leaves RDT at 0, its value after ixgbevf_configure_rx_ring's RDH = RDT = 0 (a re-init without the final ixgbevf_write_tail; a TLC operator override). *)
EXTENDS RxDma

MC_N == 2
MC_Packets == {1}
MC_MaxRounds == 1
MC_Tracking == "IOMMU"
MC_Restore == "REINIT"
MC_StopMode == "QEMU_NOTIFY"

(* RxReinit with RDT left at 0. *)
MC_RxReinitNoTail ==
  /\ ~NoRxReenable
  /\ VcpusRun /\ drvMode = "DRAIN" /\ stage = "IDLE" /\ ~Done(ring[ntc]) /\ skbQueue = << >>
  /\ ring' = InitRing /\ bufInfo' = [s \in Slots |-> s]
  /\ ntc' = 0 /\ ntu' = N - 1 /\ RDH' = 0 /\ RDT' = 0 /\ rxEnable' = TRUE
  /\ drvMode' = "UP" /\ partial' = << >>
  /\ cpuDirty' = MarkCpu({RingPage})
  /\ action' = [tag |-> "RxReinit"]
  /\ UNCHANGED <<buf, inflight, qprdc, stage, rmw, curPkt, skbQueue, delivered, nextPkt,
                 accepted, discarded, phase, round, devDirty, devLag, toSend, imgRing, imgBuf>>
====
