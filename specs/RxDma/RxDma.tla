------------------------------- MODULE RxDma -------------------------------
(***************************************************************************)
(* Rx buffer / descriptor DMA ordering of an 82599 VF across live          *)
(* migration, with the dirty-tracking and ring-restore strategies argued   *)
(* about in the 2015 threads (seeds 000, 002, 004).                        *)
(*                                                                         *)
(* Guest memory is a set of pages: page RingPage (= N) holds the N Rx     *)
(* descriptors (16 B each, so a whole ring fits in one 4 KiB page) and     *)
(* page b holds Rx buffer b (the real driver puts two 2 KiB halves in a    *)
(* page, which only makes dirty pages coarser).                            *)
(*                                                                         *)
(* The device receives a frame in two DMA writes (82599-vf.md 3 "Rx       *)
(* order"): RxBuffer writes the frame into the buffer whose address is in  *)
(* the descriptor at RDH, RxWriteBack then writes the descriptor back      *)
(* (length, DD, EOP) and advances RDH.  Any guest or host step may run     *)
(* between the two writes.                                                 *)
(*                                                                         *)
(* The driver clean loop (82599-vf.md 4, ixgbevf_clean_rx_irq) is split    *)
(* into RxCheck (read the descriptor at next_to_clean; only a done one is  *)
(* taken), RxDeliver (build the skb around the buffer, hand it to the      *)
(* stack, advance next_to_clean), RxRefill (re-arm the descriptor at       *)
(* next_to_use with its buffer address and zero length, then bump RDT) and *)
(* StackRead (the stack reads the bytes of the oldest skb: zero-copy, the  *)
(* skb points into the Rx buffer page, so the bytes the stack sees are     *)
(* whatever that page holds when it reads it).  Ownership: the device owns *)
(* [RDH, RDT); the driver never arms the slot just before next_to_clean,   *)
(* so one slot is always empty and RDH = RDT means "no buffers".           *)
(*                                                                         *)
(* Every wire frame p has identity p and content <<p, p>>: the first byte *)
(* (the one a dummy write reads and writes back) and the rest.  A buffer   *)
(* never written holds <<0, 0>>.  The stack's view ("delivered") is bytes  *)
(* only, as for a real stack: a stale buffer holding an older frame shows  *)
(* up as a duplicate, zeros or mixed bytes as corruption.  Descriptors     *)
(* carry a ghost field "pkt" (the frame the device wrote back into that    *)
(* slot; an emulator keeps the same ghost) so loss and staleness can be    *)
(* stated; the driver never reads it.                                      *)
(*                                                                         *)
(* Migration (vfio-v2.md 5, 6): the initial state is the start of          *)
(* migration with a freshly initialised ring; round 1 sends every page     *)
(* (QEMU's first pass), SyncDirty starts the next pre-copy round by        *)
(* reading and clearing the dirty logs, CopyPage sends one synced page     *)
(* while guest and device keep running.  Stop: QEMU pauses the vCPUs      *)
(* first, then moves the device to STOP (the device may DMA in between);   *)
(* StopDevice returns only once the in-flight frame's descriptor is       *)
(* written back (in-flight DMA completes; no new frame is started).        *)
(* StopCopy sends every page still dirty plus the device state (RDH, RDT); *)
(* Resume starts the destination with that image and restores the ring by  *)
(* the chosen strategy.  The driver's own state (next_to_clean, ...) lives *)
(* in guest memory written only by the CPU, which KVM's dirty log tracks   *)
(* exactly, and the vCPUs are paused before the final copy, so it arrives  *)
(* exact; the model carries it over unchanged.                             *)
(*                                                                         *)
(* Strategies (constants):                                                 *)
(*  Tracking  IOMMU        (a) device DMA writes set a dirty bit that      *)
(*                         SyncDirty reads and clears (VT-d SSADE /        *)
(*                         iommufd GET_DIRTY_BITMAP / DMA_LOGGING_REPORT);  *)
(*            DUMMY_AFTER  (b) device writes untracked; the driver reads a *)
(*                         byte of the buffer and writes it back after     *)
(*                         seeing the descriptor done (Duyck's order);     *)
(*            DUMMY_BEFORE (c) the same read-modify-write, done before the *)
(*                         descriptor check, as two steps the device can   *)
(*                         interleave with (RFC order);                    *)
(*            NONE         (d) device writes untracked, no dummy writes;   *)
(*            UNMAP        the DMA API dirties a buffer page when the      *)
(*                         driver takes its descriptor (Tsirkin, seed 000). *)
(*  Restore   SHIFT (1), REINIT (2), HEAD_ZERO (3), DROP_RING (Duyck's     *)
(*            drop-the-ring), RESTORE_HEAD (VMM writes VFRDH): see Resume. *)
(*  FinalCopy DIRTY (dirty pages) | ORDERED (ring, then every buffer).     *)
(*  StopMode  QEMU         vCPUs paused, then device stopped: the guest    *)
(*                         gets no chance to run after the device's last   *)
(*                         DMA (vfio-v2.md 6, switchover);                 *)
(*            QEMU_NOTIFY  as QEMU, but the driver is notified at the       *)
(*                         destination (RFC's notify_vf), so it can restore *)
(*                         the ring itself (SHIFT, REINIT, DROP_RING);     *)
(*            GUEST_DRAIN  the RFC's cooperative stop: the driver is told, *)
(*                         disables Rx, cleans every done descriptor, and  *)
(*                         only then are the vCPUs paused.                 *)
(*                                                                         *)
(* What TLC says (specs/README.md, "Rx DMA ordering across live            *)
(* migration", has the numbers and the counterexamples in full):           *)
(*  (a)+(1), (a)+(2): hold.  (a)+(3): RingOwnership fails at Resume, and   *)
(*  without that check an accepted frame is lost (NoLoss).                *)
(*  (b)+(1): holds only with GUEST_DRAIN.  With QEMU's stop it fails: the  *)
(*  device writes a frame after the ring page was sent, the vCPUs stop     *)
(*  before the driver saw it, so nothing dirties the ring page again and  *)
(*  the destination never sees the descriptor (NoLoss); or the ring page   *)
(*  is sent at the end but the buffer page was sent before the DMA, and   *)
(*  the destination consumes a stale buffer (NoStaleConsume, and          *)
(*  NoDuplication when that buffer held an older frame).  This is Duyck's  *)
(*  "you will end up with the descriptors but not the buffers".            *)
(*  (c): the read-modify-write straddles the buffer DMA and writes the old *)
(*  first byte over the new frame, at the source, no migration needed     *)
(*  (NoCorruption).                                                        *)
(*  (d): fails as (b) under QEMU's stop, and even with GUEST_DRAIN: a      *)
(*  frame handed to the stack before the stop lives in a buffer page that  *)
(*  was never re-sent, and the stack reads zeros at the destination.      *)
(* These verdicts are at the baseline value of every assumption constant *)
(* (DisableWaits .. FrameDescs, first value named below).  Under the     *)
(* other values: (b) with GUEST_DRAIN fails NoLoss when the Rx disable    *)
(* poll gives up (DisableWaits = FALSE); (a) fails NoLoss with DMA after  *)
(* STOP or a late dirty bit (DmaAfterStop, DirtyLag); two frames in       *)
(* flight, two-descriptor frames, length-then-status reads and batched    *)
(* refills change no verdict (specs/README.md, "Assumptions").            *)
(* Liveness (FairSpec = Spec with weak fairness of device, driver and    *)
(* migration thread): for the four holding combinations every offered     *)
(* frame reaches the stack or is dropped and counted (FramesReachStack),   *)
(* and the destination receives again (DestRxResumes).  (b)+(1) under     *)
(* QEMU's stop fails FramesReachStack; the defect NoRxReenable fails       *)
(* DestRxResumes while every safety invariant holds.                      *)
(* Device and driver contracts, in every correct strategy checked: the     *)
(* head and tail agree with next_to_clean and next_to_use (HeadAgrees,     *)
(* TailAgrees), rx_ring->skb holds only an unfinished frame                *)
(* (PartialIsOpen), the VF drops only frames it cannot take and counts     *)
(* each (DropOnlyWhenFull), a paused guest does nothing (GuestPaused), the *)
(* IOMMU's dirty log covers every changed page while logging runs          *)
(* (DirtyLogComplete; the dummy-write strategies break it by design) and a *)
(* late dirty bit arrives (DirtyBitsSettle).                               *)
(* Bounds: on an 8-descriptor ring with two frames in flight, two rounds  *)
(* and a wrap (InitHead) every strategy that holds at baseline still      *)
(* holds (the *Ring8 models); verdicts agree at rings of 2 to 5.          *)
(***************************************************************************)
EXTENDS Integers, Sequences, FiniteSets

CONSTANTS
  N,          \* ring size in descriptors (the 82599 needs a multiple of 8: the deep *Ring8
              \* models use 8; 2-4 keep the CI models fast; specs/README.md, "Bounds")
  Packets,    \* frames the wire will offer, 1..K, offered in this order
  MaxRounds,  \* pre-copy rounds, counting the first full pass
  Tracking,   \* "IOMMU" | "DUMMY_AFTER" | "DUMMY_BEFORE" | "NONE" | "UNMAP"
  Restore,    \* "SHIFT" | "REINIT" | "DROP_RING" | "RESTORE_HEAD" | "HEAD_ZERO"
  StopMode,   \* "QEMU" | "QEMU_NOTIFY" | "GUEST_DRAIN"
  FinalCopy,  \* "DIRTY": the final copy sends the pages still dirty (QEMU today);
              \* "ORDERED": it sends the ring page and then every mapped Rx buffer,
              \* dirty or not (Duyck, seed 002: "the descriptor rings to be migrated
              \* first followed by all of the currently mapped Rx buffers")
  HeadWritable, \* RESTORE_HEAD: TRUE: VFRDH takes a write while the queue is disabled
              \* (82599-vf.md 2 "Head registers": ixgbevf writes RDH = 0 during
              \* configuration; the emulator accepts it); FALSE: the RFC's claim (seed
              \* 004) that the head is read-only to the VF and 0 after reset
  NoRxReenable, \* defect switch (FALSE in every model but the one that shows it): the
              \* destination never sets RXDCTL.ENABLE again.  With REINIT the driver
              \* drains the old ring but RxReinit never runs, so the queue stays
              \* disabled; with SHIFT / HEAD_ZERO, Resume leaves ENABLE at its reset
              \* value 0.  Every frame offered after Resume is dropped (qprdc): no
              \* safety invariant notices, only the liveness property DestRxResumes.
  (* Hardware, driver and kernel assumptions.  Each is a constant so that both of its
     sides are checked; the first value named is the one today's models assume
     ("baseline"), and specs/README.md says which verdict holds under which value. *)
  DisableWaits, \* TRUE: the cooperative stop's Rx disable returns only after the in-flight
              \* frame is written back.  FALSE: ixgbevf_disable_rx_queue clears
              \* RXDCTL.ENABLE and polls it 10 x 10 us (IXGBEVF_MAX_RX_DESC_POLL); when
              \* the bit has not cleared it logs "RXDCTL.ENABLE queue %d not cleared while
              \* polling" and carries on, so the guest may finish its drain while a frame
              \* is still being written (82599-vf.md 3 "Queue enable / disable"; 82599
              \* datasheet 4.6.7.1: ENABLE reads 1 until the queue's in-flight DMA is done,
              \* with no bound on how long that takes).
  DmaAfterStop, \* FALSE: the VFIO STOP arc returns only after in-flight DMA has landed (the
              \* uAPI's STOP: "must not generate interrupts, DMA, or any other change to
              \* external state", include/uapi/linux/vfio.h).  TRUE: a variant driver whose
              \* STOP does not wait for the Rx engine: a frame whose buffer DMA is done may
              \* have its descriptor written back after STOP, before or after the final copy.
  MaxInflight, \* 1 | 2: frames whose buffer DMA is done and whose descriptor is not written
              \* back yet.  The 82599 prefetches descriptors (RXDCTL.PTHRESH/HTHRESH) and
              \* batches write-backs (WTHRESH, 82599 datasheet 7.1.4 / 8.2.3.8.7), so a
              \* second frame's buffer DMA may precede the first frame's write-back.
  DescRead,   \* "ATOMIC": the driver reads a descriptor in one step.  "LEN_THEN_STATUS": as
              \* modern ixgbevf_clean_rx_irq does, it reads wb.upper.length, dma_rmb(), and
              \* only then the status (EOP via ixgbevf_is_non_eop); any step, a migration
              \* step included, may fall between the two reads.
  RefillBatch, \* FALSE: each re-arm writes RDT.  TRUE: ixgbevf_alloc_rx_buffers re-arms a batch
              \* of descriptors and writes the tail once at the end (wmb(), then
              \* ixgbevf_write_tail), so re-armed descriptors may not be the device's yet.
  DirtyLag,   \* FALSE: the IOMMU sets the dirty bit with the DMA write (Intel VT-d sets the
              \* PTE's D bit when it translates the write; the kernel's read-and-clear,
              \* iommu_dirty_bitmap / intel_pasid read_and_clear_dirty, flushes the IOTLB
              \* after clearing).  TRUE: the write lands first and the dirty bit is set later
              \* (a device-side tracker reporting asynchronously, VFIO DMA_LOGGING_REPORT),
              \* so a dirty-log read can miss a write that already landed.
  FrameDescs  \* 1 | 2: descriptors per frame.  A frame larger than one buffer
              \* (SRRCTL.BSIZEPACKET) uses consecutive descriptors, only the last with EOP
              \* (82599 datasheet 7.1.6; 82599-vf.md 3 "Rx order"); ixgbevf_is_non_eop parks
              \* the first part in rx_ring->skb, in guest memory, until the EOP descriptor.

ASSUME N >= 2 /\ Packets = 1..Cardinality(Packets) /\ MaxRounds >= 1
ASSUME Tracking \in {"IOMMU", "DUMMY_AFTER", "DUMMY_BEFORE", "NONE", "UNMAP"}
ASSUME Restore \in {"SHIFT", "REINIT", "DROP_RING", "RESTORE_HEAD", "HEAD_ZERO"}
ASSUME StopMode \in {"QEMU", "QEMU_NOTIFY", "GUEST_DRAIN"}
ASSUME FinalCopy \in {"DIRTY", "ORDERED"} /\ HeadWritable \in BOOLEAN
(* A restore that rewrites the guest driver's ring state (SHIFT, REINIT, DROP_RING)
   needs guest code at the destination, so it needs a stop mode that tells the guest:
   QEMU_NOTIFY (vCPUs paused as by QEMU, the driver notified at the destination, as
   the RFC's "notify_vf" mailbox event does) or GUEST_DRAIN.  QEMU's own stop never
   tells the guest, so with it only the hypervisor-side restores are possible. *)
GuestRestore == Restore \in {"SHIFT", "REINIT", "DROP_RING"}
ASSUME GuestRestore => StopMode # "QEMU"
ASSUME NoRxReenable \in BOOLEAN
ASSUME DisableWaits \in BOOLEAN /\ DmaAfterStop \in BOOLEAN /\ RefillBatch \in BOOLEAN
ASSUME MaxInflight \in {1, 2} /\ DescRead \in {"ATOMIC", "LEN_THEN_STATUS"}
ASSUME DirtyLag \in BOOLEAN /\ FrameDescs \in {1, 2}

Slots == 0..(N - 1)
Bufs == 0..(N - 1)          \* buffer b lives in page b
RingPage == N               \* the page holding the descriptor ring
Pages == Bufs \cup {RingPage}
NoBuf == N + 1              \* "no valid buffer address" (zeroed descriptor)
(* The "address" in bytes 0-7 of a written-back descriptor: pkt_info | hdr_info <<
   16 | RSS hash << 32.  Whatever its value, it is not the address of a buffer the
   driver posted (buffers are page-aligned guest pages the driver allocated; the
   emulator writes these bytes as zeros, i.e. guest address 0, a page the model
   does not contain).  A frame the device writes there is out of the guest's
   reach, and the page is not one of the model's Pages (not tracked, not sent). *)
WbAddr == N + 2
DmaAddrs == Bufs \cup {WbAddr}   \* addresses the device writes a frame to
PktLen == 64                \* bytes a buffer of a frame receives (one value: lengths do not matter here)

Inc(i) == (i + 1) % N

(* Frame content: <<first byte, rest of the frame>>. *)
Content(p) == <<p, p>>
Zero == <<0, 0>>

(* Descriptor in read format (armed by the driver) and in write-back format. *)
Armed(b) == [addr |-> b, len |-> 0, dd |-> FALSE, eop |-> FALSE, pkt |-> 0]
ZeroDesc == [addr |-> NoBuf, len |-> 0, dd |-> FALSE, eop |-> FALSE, pkt |-> 0]
(* The 82599 write-back format puts pkt_info, hdr_info and the RSS hash in bytes
   0-7, where the read format had the buffer address (82599-vf.md 2; ixgbevf
   re-writes read.pkt_addr on every refill because "every write-back destroys
   it"), so a written-back descriptor no longer names its buffer: addr becomes
   WbAddr.  A device handed a written-back descriptor again (only possible when
   RingOwnership is broken) DMAs the next frame to the address those eight bytes
   form, which is none of the driver's Rx buffers (see WbAddr). *)
WrittenBack(d, p, eop) ==
  [d EXCEPT !.addr = WbAddr, !.len = PktLen, !.dd = TRUE, !.eop = eop, !.pkt = p]

(* "Done" as the modern ixgbevf polls it: a non-zero write-back length. *)
Done(d) == d.len # 0
(* What RxRefill does to the slot after the one it arms: zero its length, so a
   write-back left there from the previous lap never reads as done (ixgbevf
   writes 0 to wb.upper.length of the new next_to_use; older drivers cleared
   status_error after each descriptor instead). *)
ZeroLen(d) == [d EXCEPT !.len = 0]

(* The ring as ixgbevf_configure_rx leaves it when the head stands at h: every slot
   armed with its own buffer but the one just before the head, which is empty (one slot
   always is).  InitRing is the ring right after ifup (h = 0). *)
RingAt(h) == [s \in Slots |-> IF s = (h + N - 1) % N THEN ZeroDesc ELSE Armed(s)]
InitRing == RingAt(0)

(* Where the ring stands when migration starts.  0: just initialised (every model but the
   *Ring8 ones).  A model may override it (cfg "InitHead <- MC_InitHead") to start with the
   head at h, as the ring stands after h frames went through it and were consumed (their
   buffers' bytes are not modelled: zeros, so a stale read of one shows as NoCorruption).
   Every action and property uses slot and buffer indices modulo N only, relative to RDH,
   next_to_clean or next_to_use, except the absolute re-initialisations (RxReinit, and
   REINIT / DROP_RING at Resume, which put the ring at head 0); so a start at h is the start
   at 0 rotated by h (slots and buffer ids alike), and verdicts, state counts and trace
   lengths agree (specs/README.md, "Bounds").  What it buys: with h = N - 1 the second frame
   already wraps the ring, which a fresh ring needs N frames for. *)
InitHead == 0
ASSUME InitHead \in Slots

VARIABLES
  \* --- guest memory (of whichever host runs the guest) ---
  ring,       \* [Slots -> descriptor], page RingPage
  buf,        \* [Bufs -> <<byte0, rest>>], pages 0..N-1
  \* --- device (VF registers) ---
  RDH, RDT,   \* Rx descriptor head (device-written) and tail (driver-written)
  rxEnable,   \* RXDCTL.ENABLE
  inflight,   \* <<frames>> whose buffer DMA is done but whose descriptor is not written back,
              \* oldest first; the i-th is in slot RDH + i - 1 (at most MaxInflight)
  qprdc,      \* PF-side per-queue drop counter: frames dropped before acceptance
  \* --- guest driver (ixgbevf) ---
  ntc, ntu,   \* next_to_clean, next_to_use
  bufInfo,    \* rx_buffer_info: [Slots -> buffer] (driver memory)
  stage,      \* "IDLE" | "RMW" | "DUMMIED" | "LEN" | "CHECKED" | "TORN": where the clean loop
              \* is at ntc (LEN: length read, status not yet; TORN: the status read found no
              \* EOP, see RxCheckStatus)
  rmw,        \* byte read by a dummy write not yet written back (-1: none)
  curPkt,     \* ghost: frame of the descriptor taken by RxCheck (the driver's local copy of
              \* the descriptor travels with the vCPU state, not with the ring page)
  drvMode,    \* "UP" | "DRAIN" (REINIT: cleaning the old ring before re-initialising)
  \* --- guest stack ---
  partial,    \* <<[buf, pkt]>> or << >>: rx_ring->skb, the first part of a two-descriptor
              \* frame the driver took without EOP (FrameDescs = 2 only)
  skbQueue,   \* <<[buf, buf2, pkt]>>: skbs handed to the stack, not yet read (pkt is ghost;
              \* buf2 holds the rest of the frame, = buf for a one-descriptor frame)
  delivered,  \* <<bytes>>: what the stack read, in order
  \* --- wire / ghost bookkeeping ---
  nextPkt,    \* next frame the wire offers (K+1: wire exhausted)
  accepted,   \* frames whose descriptor the device wrote back (ghost)
  discarded,  \* accepted frames a strategy discards by design (ghost): DROP_RING drops
              \* the frames still in the old ring; counted, see NoLoss and NoDiscard
  \* --- migration ---
  phase,      \* "PRECOPY" | "QUIESCED" | "PAUSED" | "STOPPED" | "COPIED" | "DEST"
  round,      \* current pre-copy round, 1..MaxRounds
  cpuDirty,   \* KVM dirty log: pages the guest CPU wrote since the last sync
  devDirty,   \* IOMMU / device DMA dirty log (only with Tracking = "IOMMU")
  devLag,     \* DirtyLag: pages a device write has changed whose dirty bit is not set yet
  toSend,     \* pages synced in this round and not sent yet
  imgRing,    \* destination image of page RING
  imgBuf,     \* destination image of the buffer pages
  action      \* history: tag and parameters of the last step

vars == <<ring, buf, RDH, RDT, rxEnable, inflight, qprdc, ntc, ntu, bufInfo, stage, rmw,
          curPkt, drvMode, partial, skbQueue, delivered, nextPkt, accepted, discarded, phase, round,
          cpuDirty, devDirty, devLag, toSend, imgRing, imgBuf, action>>
(* Everything but the history variable.  `action` never influences a later step
   or an invariant, so the models check with VIEW StateView: states that differ
   only in how they were reached are merged (half the states, same verdicts and
   same shortest counterexamples; the printed states still carry `action`). *)
StateView == <<ring, buf, RDH, RDT, rxEnable, inflight, qprdc, ntc, ntu, bufInfo, stage, rmw,
               curPkt, drvMode, partial, skbQueue, delivered, nextPkt, accepted, discarded, phase,
               round, cpuDirty,
               devDirty, devLag, toSend, imgRing, imgBuf>>
migVars == <<phase, round, cpuDirty, devDirty, devLag, toSend, imgRing, imgBuf, discarded>>
drvVars == <<ntc, ntu, bufInfo, stage, rmw, curPkt, drvMode, partial>>

Init ==
  /\ ring = RingAt(InitHead)
  /\ buf = [b \in Bufs |-> Zero]
  /\ RDH = InitHead /\ RDT = (InitHead + N - 1) % N /\ rxEnable = TRUE
  /\ inflight = << >> /\ qprdc = 0
  /\ ntc = InitHead /\ ntu = (InitHead + N - 1) % N /\ bufInfo = [s \in Slots |-> s]
  /\ stage = "IDLE" /\ rmw = -1 /\ curPkt = 0 /\ drvMode = "UP"
  /\ partial = << >> /\ skbQueue = << >> /\ delivered = << >>
  /\ nextPkt = 1 /\ accepted = {} /\ discarded = {}
  /\ phase = "PRECOPY" /\ round = 1
  /\ cpuDirty = {} /\ devDirty = {} /\ devLag = {} /\ toSend = Pages
  /\ imgRing = [s \in Slots |-> ZeroDesc] /\ imgBuf = [b \in Bufs |-> Zero]
  /\ action = [tag |-> "Init"]

(* Dirty logging runs from migration start to the final copy. *)
Logging == phase \notin {"COPIED", "DEST"}
MarkCpu(P) == IF Logging THEN cpuDirty \cup P ELSE cpuDirty
MarkDev(P) == IF Logging /\ Tracking = "IOMMU" THEN devDirty \cup P ELSE devDirty
(* A device DMA write to pages P: its dirty bit is set with it, or (DirtyLag) later, by
   IommuMark, so that a dirty-log read in between does not see it. *)
DevWrite(P) ==
  IF DirtyLag
    THEN /\ devLag' = IF Logging /\ Tracking = "IOMMU" THEN devLag \cup P ELSE devLag
         /\ UNCHANGED devDirty
    ELSE /\ devDirty' = MarkDev(P) /\ UNCHANGED devLag

VcpusRun == phase \in {"PRECOPY", "QUIESCED", "DEST"}
DeviceRuns == phase \in {"PRECOPY", "QUIESCED", "PAUSED", "DEST"}
HwOwned(s) == (s - RDH + N) % N < (RDT - RDH + N) % N
InFlight(p) == \E i \in DOMAIN inflight : inflight[i] = p
(* The slot the device takes the next frame into: the one after the frames in flight. *)
NextSlot == (RDH + Len(inflight)) % N
(* The slots of the next frame's parts. *)
PartSlots == {(NextSlot + i) % N : i \in 0..(FrameDescs - 1)}
(* The device can start a frame: it runs, the queue is enabled, it owns a slot for
   every part of the frame, and each holds an address it writes to. *)
CanTake ==
  /\ DeviceRuns /\ rxEnable /\ Len(inflight) + FrameDescs <= (RDT - RDH + N) % N
  /\ \A s \in PartSlots : ring[s].addr \in DmaAddrs
(* The source's device may still complete in-flight DMA: while it runs, and with
   DmaAfterStop also once STOP has returned (the write lands in the source's memory,
   before or after the final copy read it). *)
DeviceWrites == DeviceRuns \/ (DmaAfterStop /\ phase \in {"STOPPED", "COPIED"})

(***************************************************************************)
(* Device                                                                  *)
(***************************************************************************)

(* First DMA write: the frame goes into the buffer of the descriptor at RDH (or,
   for a written-back descriptor, to WbAddr, outside the model's pages). *)
RxBuffer(p) ==
  /\ p = nextPkt /\ Len(inflight) < MaxInflight * FrameDescs /\ CanTake
  /\ LET a == ring[NextSlot].addr
         A == {ring[s].addr : s \in PartSlots} \cap Bufs
     IN /\ buf' = [b \in Bufs |-> IF b \in A THEN Content(p) ELSE buf[b]]
        /\ DevWrite(A)
        /\ action' = [tag |-> "RxBuffer", pkt |-> p, slot |-> NextSlot, buf |-> a]
  /\ inflight' = inflight \o [i \in 1..FrameDescs |-> p] /\ nextPkt' = p + 1
  /\ UNCHANGED <<ring, RDH, RDT, rxEnable, qprdc, drvVars, skbQueue, delivered, accepted, discarded,
                 phase, round, cpuDirty, toSend, imgRing, imgBuf>>

(* Second DMA write: descriptor write-back (length, DD, EOP), then RDH moves on. *)
RxWriteBack(p) ==
  /\ inflight # << >> /\ p = Head(inflight) /\ DeviceWrites
  \* EOP on the last descriptor of the frame
  /\ ring' = [ring EXCEPT ![RDH] = WrittenBack(ring[RDH], p, Len(inflight) = 1 \/ inflight[2] # p)]
  /\ DevWrite({RingPage})
  /\ RDH' = Inc(RDH) /\ inflight' = Tail(inflight) /\ accepted' = accepted \cup {p}
  /\ action' = [tag |-> "RxWriteBack", pkt |-> p, slot |-> RDH]
  /\ UNCHANGED <<buf, RDT, rxEnable, qprdc, drvVars, skbQueue, delivered, nextPkt, discarded,
                 phase, round, cpuDirty, toSend, imgRing, imgBuf>>

(* The frame cannot be taken (no descriptor, queue disabled, device stopped, or
   the descriptor is a zeroed one): DROP_EN drops it and the PF counts it.  While
   MaxInflight frames are in flight the next one waits in the packet buffer. *)
RxDrop(p) ==
  /\ p = nextPkt /\ Len(inflight) < MaxInflight * FrameDescs
  /\ ~CanTake
  /\ nextPkt' = p + 1 /\ qprdc' = qprdc + 1
  /\ action' = [tag |-> "RxDrop", pkt |-> p]
  /\ UNCHANGED <<ring, buf, RDH, RDT, rxEnable, inflight, drvVars, skbQueue, delivered,
                 accepted, migVars>>

(***************************************************************************)
(* Guest driver and stack                                                  *)
(***************************************************************************)

(* DUMMY_BEFORE, first half: read the first byte of the buffer at next_to_clean
   (repeated on every poll that finds the descriptor not done yet). *)
RxDummyRead ==
  /\ VcpusRun /\ Tracking = "DUMMY_BEFORE" /\ stage \in {"IDLE", "DUMMIED"}
  /\ rmw' = buf[bufInfo[ntc]][1] /\ stage' = "RMW"
  /\ action' = [tag |-> "RxDummyRead", slot |-> ntc, buf |-> bufInfo[ntc]]
  /\ UNCHANGED <<ring, buf, RDH, RDT, rxEnable, inflight, qprdc, ntc, ntu, bufInfo, curPkt, drvMode,
                 partial, skbQueue, delivered, nextPkt, accepted, migVars>>

(* DUMMY_BEFORE, second half: write the byte back (marks the page dirty in the
   CPU log).  If the device wrote the buffer in between, its first byte is lost. *)
RxDummyWrite ==
  /\ VcpusRun /\ stage = "RMW"
  /\ buf' = [buf EXCEPT ![bufInfo[ntc]] = <<rmw, @[2]>>]
  /\ cpuDirty' = MarkCpu({bufInfo[ntc]})
  /\ rmw' = -1 /\ stage' = "DUMMIED"
  /\ action' = [tag |-> "RxDummyWrite", slot |-> ntc, buf |-> bufInfo[ntc]]
  /\ UNCHANGED <<ring, RDH, RDT, rxEnable, inflight, qprdc, ntc, ntu, bufInfo, curPkt, drvMode,
                 partial, skbQueue, delivered, nextPkt, accepted, discarded, phase, round, devDirty, devLag,
                 toSend, imgRing, imgBuf>>

(* Read the descriptor at next_to_clean; a done one (length / DD set) is taken.
   DUMMY_AFTER: the buffer is now software-owned, so the dummy write (read a byte,
   write it back) cannot race with the device and is one step.  With DescRead =
   "LEN_THEN_STATUS" this step reads the length only (stage LEN) and RxCheckStatus
   reads the status later; the ghost curPkt is the frame whose write-back the length
   read saw. *)
RxCheck ==
  /\ VcpusRun
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

(* LEN_THEN_STATUS, second read (after dma_rmb()): the status (DD, EOP, errors) of
   the same slot; EOP set: the frame ends here (CHECKED), clear: it goes on in the
   next descriptor (PART).  The descriptor is the driver's, so the device does not
   write it in between; only a restore can change it (the destination's ring is the
   image).  If the status the driver reads is not that of the write-back whose length
   it read (ghost: another frame, or not written back at all), the driver would act on
   another frame's EOP and error bits, or on none; the model stops the driver there
   (stage TORN) and NoTornRead fails. *)
RxCheckStatus ==
  /\ VcpusRun /\ stage = "LEN"
  /\ stage' = IF ~ring[ntc].dd \/ ring[ntc].pkt # curPkt THEN "TORN"
               ELSE IF ring[ntc].eop THEN "CHECKED" ELSE "PART"
  /\ action' = [tag |-> "RxCheckStatus", slot |-> ntc]
  /\ UNCHANGED <<ring, buf, RDH, RDT, rxEnable, inflight, qprdc, ntc, ntu, bufInfo, rmw, curPkt,
                 drvMode, partial, skbQueue, delivered, nextPkt, accepted, migVars>>

(* Build the skb around the buffer, advance next_to_clean.  EOP: hand it to the stack
   (with the parked first part, if any, in front).  No EOP: park it in rx_ring->skb. *)
RxDeliver ==
  /\ VcpusRun /\ stage \in {"CHECKED", "PART"}
  /\ IF stage = "PART"
       THEN /\ partial' = <<[buf |-> bufInfo[ntc], pkt |-> curPkt]>>
            /\ UNCHANGED skbQueue
       ELSE /\ skbQueue' = Append(skbQueue,
                   IF partial = << >>
                     THEN [buf |-> bufInfo[ntc], buf2 |-> bufInfo[ntc], pkt |-> curPkt]
                     ELSE [buf |-> partial[1].buf, buf2 |-> bufInfo[ntc], pkt |-> curPkt])
            /\ partial' = << >>
  /\ ntc' = Inc(ntc) /\ stage' = "IDLE" /\ curPkt' = 0
  /\ action' = [tag |-> "RxDeliver", slot |-> ntc, buf |-> bufInfo[ntc]]
  /\ UNCHANGED <<ring, buf, RDH, RDT, rxEnable, inflight, qprdc, ntu, bufInfo, rmw, drvMode,
                 delivered, nextPkt, accepted, migVars>>

(* Re-arm the descriptor at next_to_use (buffer address, zero length), zero the
   length of the following slot (see ZeroLen), then write RDT; with RefillBatch the
   tail write is a step of its own (RxTailWrite), after any number of re-arms.  The slot just before next_to_clean is
   never armed (one slot always empty), and a buffer the stack still holds is
   not handed back to the device (ixgbevf allocates a fresh page instead). *)
RxRefill ==
  /\ VcpusRun /\ drvMode = "UP" /\ stage \in {"IDLE", "DUMMIED"}
  /\ Inc(ntu) # ntc
  /\ \A i \in DOMAIN skbQueue : bufInfo[ntu] \notin {skbQueue[i].buf, skbQueue[i].buf2}
  /\ \A i \in DOMAIN partial : partial[i].buf # bufInfo[ntu]
  /\ ring' = [ring EXCEPT ![ntu] = Armed(bufInfo[ntu]), ![Inc(ntu)] = ZeroLen(@)]
  /\ cpuDirty' = MarkCpu({RingPage})
  /\ ntu' = Inc(ntu) /\ RDT' = IF RefillBatch THEN RDT ELSE Inc(ntu)
  /\ action' = [tag |-> "RxRefill", slot |-> ntu, buf |-> bufInfo[ntu]]
  /\ UNCHANGED <<buf, RDH, rxEnable, inflight, qprdc, ntc, bufInfo, stage, rmw, curPkt, drvMode, partial,
                 skbQueue, delivered, nextPkt, accepted, discarded, phase, round, devDirty, devLag, toSend,
                 imgRing, imgBuf>>

(* RefillBatch: after the batch, wmb() and one tail write publish every re-armed
   descriptor (ixgbevf_alloc_rx_buffers -> ixgbevf_write_tail). *)
RxTailWrite ==
  /\ RefillBatch /\ VcpusRun /\ drvMode = "UP" /\ RDT # ntu
  /\ RDT' = ntu
  /\ action' = [tag |-> "RxTailWrite"]
  /\ UNCHANGED <<ring, buf, RDH, rxEnable, inflight, qprdc, drvVars, skbQueue, delivered,
                 nextPkt, accepted, migVars>>

(* The stack reads the bytes of its oldest skb and releases the buffer(s): the first
   byte from the first buffer, the rest from the last (the same one for a
   one-descriptor frame). *)
StackRead ==
  /\ VcpusRun /\ skbQueue # << >>
  /\ delivered' = Append(delivered, <<buf[Head(skbQueue).buf][1], buf[Head(skbQueue).buf2][2]>>)
  /\ skbQueue' = Tail(skbQueue)
  /\ action' = [tag |-> "StackRead", buf |-> Head(skbQueue).buf]
  /\ UNCHANGED <<ring, buf, RDH, RDT, rxEnable, inflight, qprdc, drvVars, nextPkt, accepted,
                 migVars>>

(* REINIT at the destination: once the old ring is cleaned up to the first
   descriptor that is not done and the stack has released the old buffers, the
   driver re-initialises the ring as ixgbevf_configure_rx does: every slot but
   the last armed, RDH = 0, RDT = N-1, queue enabled. *)
RxReinit ==
  /\ ~NoRxReenable
  /\ VcpusRun /\ drvMode = "DRAIN" /\ stage = "IDLE" /\ ~Done(ring[ntc]) /\ skbQueue = << >>
  /\ ring' = InitRing /\ bufInfo' = [s \in Slots |-> s]
  /\ ntc' = 0 /\ ntu' = N - 1 /\ RDH' = 0 /\ RDT' = N - 1 /\ rxEnable' = TRUE
  /\ drvMode' = "UP" /\ partial' = << >>
  /\ cpuDirty' = MarkCpu({RingPage})
  /\ action' = [tag |-> "RxReinit"]
  /\ UNCHANGED <<buf, inflight, qprdc, stage, rmw, curPkt, skbQueue, delivered, nextPkt,
                 accepted, discarded, phase, round, devDirty, devLag, toSend, imgRing, imgBuf>>

(* DirtyLag: the dirty bit of a page a device write changed is set now (it counts
   only while logging runs: after the final copy nobody reads the log). *)
IommuMark(pg) ==
  /\ pg \in devLag
  /\ devLag' = devLag \ {pg} /\ devDirty' = MarkDev({pg})
  /\ action' = [tag |-> "IommuMark", page |-> pg]
  /\ UNCHANGED <<ring, buf, RDH, RDT, rxEnable, inflight, qprdc, drvVars, skbQueue, delivered,
                 nextPkt, accepted, discarded, phase, round, cpuDirty, toSend, imgRing, imgBuf>>

(***************************************************************************)
(* Migration (host)                                                        *)
(***************************************************************************)

(* Start the next pre-copy round: read and clear the CPU log and (IOMMU) the
   device log (read_and_clear_dirty / DMA_LOGGING_REPORT). *)
SyncDirty ==
  /\ phase \in {"PRECOPY", "QUIESCED"} /\ round < MaxRounds /\ toSend = {}
  /\ toSend' = cpuDirty \cup devDirty /\ cpuDirty' = {} /\ devDirty' = {}
  /\ round' = round + 1
  /\ action' = [tag |-> "SyncDirty", round |-> round + 1]
  /\ UNCHANGED <<ring, buf, RDH, RDT, rxEnable, inflight, qprdc, drvVars, skbQueue, delivered,
                 nextPkt, accepted, discarded, phase, devLag, imgRing, imgBuf>>

(* Send one synced page with its current content. *)
CopyPage(pg) ==
  /\ phase \in {"PRECOPY", "QUIESCED"} /\ pg \in toSend
  /\ IF pg = RingPage THEN imgRing' = ring /\ UNCHANGED imgBuf
                    ELSE imgBuf' = [imgBuf EXCEPT ![pg] = buf[pg]] /\ UNCHANGED imgRing
  /\ toSend' = toSend \ {pg}
  /\ action' = [tag |-> "CopyPage", page |-> pg]
  /\ UNCHANGED <<ring, buf, RDH, RDT, rxEnable, inflight, qprdc, drvVars, skbQueue, delivered,
                 nextPkt, accepted, discarded, phase, round, cpuDirty, devDirty, devLag>>

(* GUEST_DRAIN only (the RFC's cooperative stop): the driver, told that migration
   is ending, clears RXDCTL.ENABLE; with DisableWaits the poll for ENABLE = 0 returns
   once the in-flight frames are written back, without it the poll may give up with a
   frame still in flight (its write-back then comes whenever the device gets to it).
   The guest keeps running and cleans the ring. *)
QuiesceRx ==
  /\ StopMode = "GUEST_DRAIN" /\ phase = "PRECOPY"
  /\ DisableWaits => inflight = << >>
  /\ rxEnable' = FALSE /\ phase' = "QUIESCED"
  /\ action' = [tag |-> "QuiesceRx"]
  /\ UNCHANGED <<ring, buf, RDH, RDT, inflight, qprdc, drvVars, skbQueue, delivered, nextPkt,
                 accepted, discarded, round, cpuDirty, devDirty, devLag, toSend, imgRing, imgBuf>>

(* Switchover starts: the vCPUs stop.  QEMU, QEMU_NOTIFY: at any time, the device
   keeps running.  GUEST_DRAIN: only once the driver has cleaned every done
   descriptor. *)
PauseVcpus ==
  /\ IF StopMode \in {"QEMU", "QEMU_NOTIFY"}
       THEN phase = "PRECOPY"
       ELSE phase = "QUIESCED" /\ stage \in {"IDLE", "DUMMIED"} /\ ~Done(ring[ntc])
  /\ phase' = "PAUSED"
  /\ action' = [tag |-> "PauseVcpus"]
  /\ UNCHANGED <<ring, buf, RDH, RDT, rxEnable, inflight, qprdc, drvVars, skbQueue, delivered,
                 nextPkt, accepted, discarded, round, cpuDirty, devDirty, devLag, toSend, imgRing, imgBuf>>

(* Device to STOP: returns only when no DMA is in flight, unless DmaAfterStop. *)
StopDevice ==
  /\ phase = "PAUSED"
  /\ ~DmaAfterStop => inflight = << >>
  /\ phase' = "STOPPED"
  /\ action' = [tag |-> "StopDevice"]
  /\ UNCHANGED <<ring, buf, RDH, RDT, rxEnable, inflight, qprdc, drvVars, skbQueue, delivered,
                 nextPkt, accepted, discarded, round, cpuDirty, devDirty, devLag, toSend, imgRing, imgBuf>>

(* Stop-and-copy: final sync, every page still dirty or unsent goes over; the
   device state (RDH, RDT) is saved (it stays in RDH/RDT until Resume). *)
StopCopy ==
  /\ phase = "STOPPED"
  /\ LET final == IF FinalCopy = "ORDERED" THEN Pages ELSE toSend \cup cpuDirty \cup devDirty IN
       /\ imgRing' = IF RingPage \in final THEN ring ELSE imgRing
       /\ imgBuf' = [b \in Bufs |-> IF b \in final THEN buf[b] ELSE imgBuf[b]]
  /\ phase' = "COPIED" /\ toSend' = {} /\ cpuDirty' = {} /\ devDirty' = {}
  /\ action' = [tag |-> "StopCopy"]
  /\ UNCHANGED <<ring, buf, RDH, RDT, rxEnable, inflight, qprdc, drvVars, skbQueue, delivered,
                 nextPkt, accepted, discarded, round, devLag>>

(* The destination starts from the image; the VF comes out of reset with RDH = 0
   (RDH is read-only to the driver) and the ring is restored:
   SHIFT     rotate descriptors, buffer info and the driver's indices by the
             saved head h so that h becomes index 0, RDT = saved RDT - h (RFC);
   REINIT    queue stays disabled, the driver cleans the done descriptors of the
             old ring and then re-initialises it (RxReinit) (Duyck);
   HEAD_ZERO RDH = 0, RDT = saved RDT, nothing shifted. *)
Resume ==
  /\ phase = "COPIED"
  \* DmaAfterStop: the source's late write has landed (in the source's memory) before the
  \* destination's VF, a different device, starts; without it inflight is empty here.
  /\ inflight = << >>
  /\ LET h == RDH
         Rot(f) == [s \in Slots |-> f[(s + h) % N]]
     IN CASE Restore = "SHIFT" ->
               /\ ring' = Rot(imgRing) /\ bufInfo' = Rot(bufInfo)
               /\ ntc' = (ntc - h + N) % N /\ ntu' = (ntu - h + N) % N
               /\ RDH' = 0 /\ RDT' = (RDT - h + N) % N /\ rxEnable' = ~NoRxReenable
               /\ UNCHANGED drvMode
          [] Restore = "REINIT" ->
               /\ ring' = imgRing /\ UNCHANGED <<bufInfo, ntc, ntu>>
               /\ RDH' = 0 /\ RDT' = 0 /\ rxEnable' = FALSE /\ drvMode' = "DRAIN"
          [] Restore = "DROP_RING" ->
               \* the old ring is freed (ixgbevf_clean_rx_ring frees rx_ring->skb too), the
               \* queue stays disabled until RxReinit, once the stack has released the old
               \* buffers; ring' all zeroed, so nothing of it reads as done
               /\ ring' = [s \in Slots |-> ZeroDesc] /\ UNCHANGED <<bufInfo, ntu>>
               /\ ntc' = 0 /\ RDH' = 0 /\ RDT' = 0 /\ rxEnable' = FALSE /\ drvMode' = "DRAIN"
          [] Restore = "RESTORE_HEAD" ->
               \* the VMM writes the saved head into VFRDH while the queue is still
               \* disabled; a read-only head stays 0
               /\ ring' = imgRing /\ UNCHANGED <<bufInfo, ntc, ntu, RDT, drvMode>>
               /\ RDH' = (IF HeadWritable THEN h ELSE 0) /\ rxEnable' = ~NoRxReenable
          [] Restore = "HEAD_ZERO" ->
               /\ ring' = imgRing /\ UNCHANGED <<bufInfo, ntc, ntu, RDT, drvMode>>
               /\ RDH' = 0 /\ rxEnable' = ~NoRxReenable
  \* DROP_RING discards, by design, every accepted frame not yet handed to the stack
  /\ IF Restore = "DROP_RING"
       THEN /\ stage' = "IDLE" /\ rmw' = -1 /\ curPkt' = 0 /\ partial' = << >>
            /\ discarded' = discarded \cup
                 {p \in accepted : /\ \A i \in DOMAIN delivered : delivered[i] # Content(p)
                                   /\ \A i \in DOMAIN skbQueue : skbQueue[i].pkt # p}
       ELSE UNCHANGED <<stage, rmw, curPkt, partial, discarded>>
  /\ buf' = imgBuf
  /\ phase' = "DEST"
  /\ imgRing' = [s \in Slots |-> ZeroDesc] /\ imgBuf' = [b \in Bufs |-> Zero]
  /\ action' = [tag |-> "Resume", restore |-> Restore, savedHead |-> RDH]
  /\ UNCHANGED <<inflight, qprdc, skbQueue, delivered, nextPkt, accepted, round,
                 cpuDirty, devDirty, devLag, toSend>>

Next ==
  \/ \E p \in Packets : RxBuffer(p)
  \/ \E p \in Packets : RxWriteBack(p)
  \/ \E p \in Packets : RxDrop(p)
  \/ RxDummyRead
  \/ RxDummyWrite
  \/ RxCheck
  \/ RxCheckStatus
  \/ RxDeliver
  \/ RxRefill
  \/ RxTailWrite
  \/ StackRead
  \/ RxReinit
  \/ \E pg \in Pages : IommuMark(pg)
  \/ SyncDirty
  \/ \E pg \in Pages : CopyPage(pg)
  \/ QuiesceRx
  \/ PauseVcpus
  \/ StopDevice
  \/ StopCopy
  \/ Resume

Spec == Init /\ [][Next]_vars

(***************************************************************************)
(* Fairness, for the liveness properties below.  Three processes, each    *)
(* weakly fair as a whole ("if it can keep taking a step, it eventually   *)
(* does"), each for a real-world reason:                                   *)
(*  DeviceStep     the device completes a frame it has started: after the  *)
(*                 buffer DMA the 82599 writes the descriptor back (82599  *)
(*                 datasheet 7.1 receive path, 82599-vf.md 3 "Rx order"); *)
(*                 STOP itself waits for it (vfio-v2.md 6).                *)
(*  DriverStep     the driver's NAPI poll runs while the vCPUs run         *)
(*                 (ixgbevf_poll -> ixgbevf_clean_rx_irq checks, delivers  *)
(*                 and refills; after REINIT's drain ixgbevf_configure_rx *)
(*                 runs), and the stack consumes what it is handed         *)
(*                 (napi_gro_receive).  RxDummyRead is left out: in        *)
(*                 DUMMY_BEFORE it repeats on every poll of a not-done     *)
(*                 descriptor, so it is not a progress step, and (c) is    *)
(*                 broken for safety anyway.                               *)
(*  MigrationStep  QEMU's migration thread makes progress (migration_thread *)
(*                 -> migration_iteration_run: pre-copy rounds are bounded *)
(*                 here, the switchover eventually happens, as with a      *)
(*                 converging or forced pre-copy) and the destination      *)
(*                 starts the VM.                                          *)
(* Weak fairness of each group, not of each action, is enough because in   *)
(* every strategy the properties are checked for each group can only take *)
(* finitely many steps (frames, ring slots, rounds and phases are finite), *)
(* so a fair behaviour ends with no step of any group enabled, and it is   *)
(* cheaper for TLC (three fairness conditions instead of fourteen).       *)
(* The wire is the environment and gets no fairness: RxBuffer and RxDrop  *)
(* (a frame arriving) may never happen again at any point, so the         *)
(* properties hold for every arrival pattern, including none after        *)
(* Resume.                                                                 *)
(***************************************************************************)
DeviceStep == (\E p \in Packets : RxWriteBack(p)) \/ (\E pg \in Pages : IommuMark(pg))
DriverStep ==
  \/ RxDummyWrite \/ RxCheck \/ RxCheckStatus \/ RxDeliver \/ RxRefill \/ RxTailWrite
  \/ StackRead \/ RxReinit
MigrationStep ==
  \/ SyncDirty \/ \E pg \in Pages : CopyPage(pg) \/ QuiesceRx \/ PauseVcpus
  \/ StopDevice \/ StopCopy \/ Resume
(* Each group's fairness is of its steps that are also steps of Next (Next /\ G, the same
   action as G, since every step of a group is a disjunct of Next).  Written so, the spec is
   machine-closed by construction (fairness only of sub-actions of Next: Lamport, "Specifying
   Systems" 8.9.2): a step left out of Next cannot be "rescued" by a fairness condition that
   then excludes every behaviour in which it stays enabled, which would make the liveness
   properties hold vacuously. *)
Fairness ==
  WF_vars(DeviceStep /\ Next) /\ WF_vars(DriverStep /\ Next) /\ WF_vars(MigrationStep /\ Next)

FairSpec == Spec /\ Fairness

(***************************************************************************)
(* Properties                                                              *)
(***************************************************************************)

(* Type invariant: every variable, in every model.  It cannot fail by design
   (no model makes it fail on purpose); it is listed first in every cfg so that
   an edit that breaks a variable's type shows up as TypeOK, not as a confusing
   violation of a property further down. *)
Bytes == {<<a, r>> : a \in {0} \cup Packets, r \in {0} \cup Packets}
Descs == [addr : Bufs \cup {NoBuf, WbAddr}, len : {0, PktLen}, dd : BOOLEAN,
          eop : BOOLEAN, pkt : {0} \cup Packets]
ActionTags == {"Init", "RxBuffer", "RxWriteBack", "RxDrop", "RxDummyRead", "RxDummyWrite",
               "RxCheck", "RxCheckStatus", "RxDeliver", "RxRefill", "RxTailWrite", "StackRead",
               "RxReinit", "IommuMark", "SyncDirty", "CopyPage", "QuiesceRx", "PauseVcpus",
               "StopDevice", "StopCopy", "Resume"}
TypeOK ==
  /\ ring \in [Slots -> Descs] /\ imgRing \in [Slots -> Descs]
  /\ buf \in [Bufs -> Bytes] /\ imgBuf \in [Bufs -> Bytes]
  /\ RDH \in Slots /\ RDT \in Slots /\ rxEnable \in BOOLEAN
  /\ inflight \in Seq(Packets) /\ Len(inflight) <= MaxInflight * FrameDescs
  /\ qprdc \in 0..Cardinality(Packets)
  /\ ntc \in Slots /\ ntu \in Slots /\ bufInfo \in [Slots -> Bufs]
  /\ stage \in {"IDLE", "RMW", "DUMMIED", "LEN", "CHECKED", "PART", "TORN"}
  /\ rmw \in {-1, 0} \cup Packets /\ (rmw # -1 <=> stage = "RMW")
  /\ curPkt \in {0} \cup Packets /\ (curPkt # 0 <=> stage \in {"LEN", "CHECKED", "PART", "TORN"})
  /\ partial \in Seq([buf : Bufs, pkt : Packets]) /\ Len(partial) <= 1
  /\ drvMode \in {"UP", "DRAIN"}
  /\ skbQueue \in Seq([buf : Bufs, buf2 : Bufs, pkt : Packets])
  /\ delivered \in Seq(Bytes)
  /\ nextPkt \in 1..(Cardinality(Packets) + 1)
  /\ accepted \subseteq Packets /\ discarded \subseteq accepted
  /\ phase \in {"PRECOPY", "QUIESCED", "PAUSED", "STOPPED", "COPIED", "DEST"}
  /\ round \in 1..MaxRounds
  /\ cpuDirty \subseteq Pages /\ devDirty \subseteq Pages /\ devLag \subseteq Pages
  /\ toSend \subseteq Pages
  /\ action.tag \in ActionTags

Range(f) == {f[i] : i \in DOMAIN f}

(* Ring ownership (82599-vf.md 3 "Ownership"): every descriptor the device owns,
   [RDH, RDT), is one the driver armed (read format, a valid buffer, not done).
   A device handed anything else writes into a buffer the driver or the stack
   still uses. *)
RingOwnership ==
  \A s \in Slots : HwOwned(s) => (ring[s].addr \in Bufs /\ ring[s] = Armed(ring[s].addr))

(* No corruption: every byte string the stack reads, at the source or at the
   destination, is exactly a frame the wire delivered to the device. *)
NoCorruption ==
  \A i \in DOMAIN delivered : delivered[i] \in {Content(p) : p \in accepted}

(* No duplication: the stack never reads the same wire frame twice.  (Two
   identical non-frames, e.g. two zero buffers, are corruption, not duplication.) *)
Frames == {Content(p) : p \in Packets}
NoDuplication ==
  \A i, j \in DOMAIN delivered : (i # j /\ delivered[i] \in Frames) => delivered[i] # delivered[j]

(* No loss: every accepted frame (its descriptor was written back) has been
   read by the stack intact, or is still on its way to it: queued as an skb,
   in the driver's hands, or held by a done descriptor in the ring.  (A safety
   form of "delivered exactly once": a frame that has left every place it could
   be in is lost for good.)  Earlier versions also had the conjunct
   nextPkt - 1 = Cardinality(accepted) + qprdc + (inflight # 0 ? 1 : 0); it
   held by construction (each frame leaves the wire through exactly one of
   RxBuffer, which sets inflight, or RxDrop, which counts it, and RxWriteBack
   moves inflight into accepted), for every strategy, so it checked nothing
   about them and was dropped. *)
NoLoss ==
  \A p \in accepted \ discarded :
    \/ Content(p) \in Range(delivered)
    \/ \E i \in DOMAIN skbQueue : skbQueue[i].pkt = p
    \/ stage \in {"LEN", "CHECKED", "PART"} /\ curPkt = p
    \/ \E i \in DOMAIN partial : partial[i].pkt = p
    \/ \E s \in Slots : Done(ring[s]) /\ ring[s].pkt = p

(* The cost of a strategy that discards by design (DROP_RING): no accepted frame is
   discarded.  A separate property from NoLoss (which is about frames lost without
   anyone deciding to): a model that lists it shows how many frames the strategy
   throws away and when. *)
NoDiscard == discarded = {}

(* The destination never consumes a descriptor whose buffer is stale: when the
   destination's driver has taken a done descriptor, its buffer holds exactly
   the frame the device wrote back into that descriptor. *)
NoStaleConsume ==
  (phase = "DEST" /\ stage \in {"CHECKED", "PART"}) => buf[bufInfo[ntc]] = Content(curPkt)

(* DescRead = "LEN_THEN_STATUS": the status the driver reads after the length belongs
   to the same write-back as the length (RxCheckStatus).  Can fail only if the slot
   changes between the two reads, which only a restore from a stale image does. *)
NoTornRead == stage # "TORN"

(* The ring as the driver and the device each see it agree (82599-vf.md 3 "Ownership",
   4 "Rx clean loop").  Head: the descriptors from next_to_clean up to RDH are the device's
   write-backs the driver has not cleaned yet, so each reads as done (the device writes a
   descriptor back before it advances RDH, and ixgbevf_clean_rx_irq stops at the first
   descriptor whose length is 0).  Tail: RDT is the driver's next_to_use
   (ixgbevf_alloc_rx_buffers ends with next_to_use = i, wmb(), ixgbevf_write_tail(rx_ring, i);
   ixgbevf_configure_rx_ring fills count - 1 buffers through it), or with RefillBatch an
   earlier value, between RDH and next_to_use: the re-arms of a batch not published yet.
   Both only while the driver runs the ring (drvMode = "UP"): REINIT's and DROP_RING's drain
   cleans an old ring the queue no longer owns (RDH = RDT = 0, disabled) until RxReinit. *)
HeadAgrees ==
  drvMode = "UP" => \A s \in Slots : (s - ntc + N) % N < (RDH - ntc + N) % N => Done(ring[s])
TailAgrees ==
  drvMode = "UP" =>
    IF RefillBatch THEN (RDT - RDH + N) % N <= (ntu - RDH + N) % N ELSE RDT = ntu

(* The VF drops a frame only when it cannot take it, and every drop is counted
   (82599-vf.md 3 "Rx order" step 2: the queue is disabled or has too few descriptors for
   the whole frame, and with DROP_EN, which ixgbevf sets in SRRCTL, the frame is dropped and
   the PF counts it in the queue's QPRDC, 0x01430 + 0x40q; a stopped device takes nothing).
   Stated on the wire, not on RxDrop: a step in which the next frame leaves the wire without
   entering a buffer. *)
DropOnlyWhenFull ==
  [][LET p == nextPkt IN
       (nextPkt' = p + 1 /\ \A i \in DOMAIN inflight' : inflight'[i] # p)
         => (~CanTake /\ qprdc' = qprdc + 1)]_vars

(* rx_ring->skb holds the first part of the frame the driver is assembling, and nothing
   else: ixgbevf_clean_rx_irq parks the skb in rx_ring->skb while ixgbevf_is_non_eop says the
   frame goes on in the next descriptor, and once the EOP descriptor completes it the frame
   goes to the stack (napi_gro_receive) and skb = NULL is what the loop stores back.  A part
   still parked after its frame went to the stack would be glued in front of the next frame
   and keep its buffer from being re-armed (RxRefill). *)
PartialIsOpen ==
  \A i \in DOMAIN partial :
    /\ Content(partial[i].pkt) \notin Range(delivered)
    /\ \A j \in DOMAIN skbQueue : skbQueue[j].pkt # partial[i].pkt

(* A paused guest runs no code (QEMU's vm_stop -> pause_all_vcpus at the switchover; the
   destination's vCPUs run only once the VM starts there): from PauseVcpus until the
   destination runs, the driver's and the stack's state stays as it was.  (Resume, which
   also starts the destination's vCPUs, hands the notified driver its restored ring.) *)
GuestPaused ==
  [][(~VcpusRun /\ ~VcpusRun') => UNCHANGED <<drvVars, skbQueue, delivered>>]_vars

(* Complete dirty tracking: while logging runs, every page whose content differs from the
   destination's copy of it is logged: still to be sent this round, in KVM's dirty log (CPU
   writes), in the device's dirty log (the IOMMU's dirty bit: VT-d SSADE read by
   iommu_dirty_bitmap / read_and_clear_dirty, iommufd IOMMU_HWPT_GET_DIRTY_BITMAP, or VFIO's
   DMA_LOGGING_REPORT), or (DirtyLag) written with its dirty bit still to come.  QEMU sends
   only logged pages (migration_bitmap_sync, then ram_find_and_save_block over the bitmap),
   so a page outside the log reaches the destination stale unless a later write logs it.
   Only IOMMU tracking logs device writes: with the dummy-write and UNMAP strategies a
   buffer the device wrote is unlogged until the driver's dummy write or unmap, and with
   NONE for good; those strategies argue that the gap does not matter, this property does
   not hold for them.  The final copy itself (StopCopy) is NoLoss's business: with DirtyLag
   it reads the log before the late bits arrive. *)
DirtyLogComplete ==
  Logging =>
    /\ ring # imgRing => RingPage \in toSend \cup cpuDirty \cup devDirty \cup devLag
    /\ \A b \in Bufs : buf[b] # imgBuf[b] => b \in toSend \cup cpuDirty \cup devDirty \cup devLag

(***************************************************************************)
(* Liveness (check with SPECIFICATION FairSpec)                            *)
(***************************************************************************)

(* Every frame the wire offered ends up read by the stack, intact, or was
   dropped before acceptance and counted in qprdc (offered, p < nextPkt, but
   neither accepted nor in flight: RxDrop is the only other way off the wire).
   An accepted frame has no legitimate way out but the stack: NoLoss says it
   is never lost, this says it actually arrives (at the source or at the
   destination, whichever runs the guest then). *)
FramesReachStack ==
  \A p \in Packets :
    p < nextPkt ~> \/ Content(p) \in Range(delivered)
                   \/ p \notin accepted /\ ~InFlight(p)
                   \/ p \in discarded

(* The VF can take a frame: the queue is enabled and owns a descriptor. *)
RxReady == rxEnable /\ RDH # RDT

(* The migration reaches the destination, and there the VF is ready to receive
   again and again: a frame offered at such a moment is accepted, not dropped.
   "Infinitely often" rather than "once": a restore that leaves the queue
   enabled with a ring the driver can no longer refill would pass "once" at
   Resume and still receive nothing after a few frames.  (Not "a frame offered
   after Resume is accepted": the ring may legitimately be full at that moment,
   and DROP_EN then drops it.) *)
DestRxResumes ==
  /\ <>(phase = "DEST")
  /\ [](phase = "DEST" => []<>RxReady)

(* DirtyLag: a late dirty bit is late, not lost: every page the device wrote while logging
   is eventually marked in the device's log (a device-side tracker reports the pages written
   since its last report, VFIO DMA_LOGGING_REPORT; the IOMMU sets the D bit of the PTE it
   translated through).  Fairness: IommuMark is a DeviceStep. *)
DirtyBitsSettle == \A pg \in Pages : pg \in devLag ~> pg \notin devLag

=============================================================================
