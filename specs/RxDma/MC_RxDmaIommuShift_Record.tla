---- MODULE MC_RxDmaIommuShift_Record ----
(* Record model of MC_RxDmaIommuShift: the model `checker validate` checks an emulator-driven
   RxDma run against (`simulate --record-rx`, conformance record/RxDmaRecorder). The correct
   strategy IOMMU / SHIFT / QEMU_NOTIFY on the 82599's smallest ring, 8 descriptors (RDLEN counts
   128-byte units, ixgbevf's IXGBE_REQ_RX_DESCRIPTOR_MULTIPLE = 8), 3 frames, 2 pre-copy rounds,
   the ring standing at head 6 when migration starts (InitHead), so frames go into slots 6, 7
   and 0 and the ring wraps: the constants of MC_RxDmaIommuShift_Walk.

   Two action constraints prune runs, never what a step may do (every step of a run this model
   accepts is a step of Spec with these constants); they are the recorder's host policies, so
   that the model's graph stays small enough to validate against in seconds:
   - QemuPageOrder: a pre-copy round sends its pages in ascending guest-physical order, as
     QEMU's RAM iteration finds them (migration/ram.c: ram_find_and_save_block ->
     find_dirty_block -> migration_bitmap_find_dirty, a find_next_bit over the dirty bitmap);
     RxLayout puts buffer b at a lower address than buffer b + 1 and the ring page last, so
     spec page order is address order. (That each round's scan starts at page 0 is this model's
     reading: QEMU resumes the scan where the last one stopped, which after a completed round
     is the start of the block.)
   - StopsLate: the guest stops (PauseVcpus; QuiesceRx for GUEST_DRAIN) only in the last
     pre-copy round, as the walk models' WalkStopsLate: the recorder's management layer forces
     the switchover after MaxRounds rounds (QEMU itself has no cap), so every run goes through
     a dirty sync. *)
EXTENDS RxDma

MC_N == 8
MC_Packets == {1, 2}
MC_MaxRounds == 2
MC_Tracking == "IOMMU"
MC_Restore == "SHIFT"
MC_InitHead == 7
MC_StopMode == "QEMU_NOTIFY"

QemuPageOrder == action'.tag = "CopyPage" => \A q \in toSend : action'.page <= q

StopsLate == (phase = "PRECOPY" /\ phase' # "PRECOPY") => round = MaxRounds
====
