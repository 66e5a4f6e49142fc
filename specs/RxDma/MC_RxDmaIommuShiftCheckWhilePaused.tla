---- MODULE MC_RxDmaIommuShiftCheckWhilePaused ----
(* Broken variant of GuestPaused: the driver's descriptor check runs while the vCPUs are paused (RxCheck without its VcpusRun guard, a TLC operator override), as with a vCPU left running after the switchover started. *)
EXTENDS RxDma

MC_N == 2
MC_Packets == {1}
MC_MaxRounds == 1
MC_Tracking == "IOMMU"
MC_Restore == "SHIFT"
MC_StopMode == "QEMU_NOTIFY"

(* RxCheck without VcpusRun. *)
MC_RxCheckAnyTime ==
  /\ stage \in (IF Tracking = "DUMMY_BEFORE" THEN {"DUMMIED"} ELSE {"IDLE"})
  /\ Done(ring[ntc])
  /\ stage' = (IF DescRead = "LEN_THEN_STATUS" THEN "LEN"
               ELSE IF ring[ntc].eop THEN "CHECKED" ELSE "PART")
  /\ curPkt' = ring[ntc].pkt
  /\ cpuDirty' = IF Tracking \in {"DUMMY_AFTER", "UNMAP"} THEN MarkCpu({bufInfo[ntc]}) ELSE cpuDirty
  /\ action' = [tag |-> "RxCheck", slot |-> ntc]
  /\ UNCHANGED <<ring, buf, RDH, RDT, rxEnable, inflight, qprdc, ntc, ntu, bufInfo, rmw,
                 drvMode, partial, skbQueue, delivered, nextPkt, accepted, discarded, phase, round, devDirty,
                 devLag, toSend, imgRing, imgBuf>>
====
