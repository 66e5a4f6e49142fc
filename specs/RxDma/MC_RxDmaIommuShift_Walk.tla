---- MODULE MC_RxDmaIommuShift_Walk ----
(* Walk model of MC_RxDmaIommuShift (and of its Wrap variant): the same strategy, IOMMU / SHIFT / QEMU,
   on the 82599's smallest ring, 8 descriptors (RDLEN counts 128-byte units, ixgbevf's
   IXGBE_REQ_RX_DESCRIPTOR_MULTIPLE = 8), 3 frames and 2 pre-copy rounds, the ring standing at head 6 when migration
   starts (InitHead), so frames go into slots 6, 7 and 0 and the ring wraps. Too large to
   tour (over 10^5 states): checker traces writes seeded random walks of it (suite.json
   "walks"); never model-checked. *)
EXTENDS RxDma

MC_N == 8
MC_Packets == {1, 2, 3}
MC_MaxRounds == 2
MC_Tracking == "IOMMU"
MC_Restore == "SHIFT"
MC_InitHead == 6
MC_StopMode == "QEMU_NOTIFY"

\* The walks stop the guest (PauseVcpus; QuiesceRx for GUEST_DRAIN) only in the last pre-copy round,
\* so that every walk goes through a dirty sync (SyncDirty) first; a pruning of runs, not of what a
\* step may do: every walked step is a step of Spec with these constants.
WalkStopsLate == (phase = "PRECOPY" /\ phase' # "PRECOPY") => round = MaxRounds
====
