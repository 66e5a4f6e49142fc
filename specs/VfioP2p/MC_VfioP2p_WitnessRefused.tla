--------------------- MODULE MC_VfioP2p_WitnessRefused ---------------------
(* A reachability witness, as VfioFsm_WitnessArcFailsInPlace: the VM of   *)
(* VfioP2p_Blocked (a device without P2P, so QEMU registers a migration    *)
(* blocker) claims that QMP migrate is never refused, and the claim must   *)
(* be VIOLATED: migrate_prepare -> migration_is_blocked fails the command  *)
(* (2 states).  A spec that lost the refusal (MigrationRefused dropped     *)
(* from Next) holds the claim and fails the suite; its liveness cannot     *)
(* notice, since SF_vars(Orchestrate) then rules out every behaviour of    *)
(* the blocked VM.                                                          *)
EXTENDS MC_VfioP2p_Blocked

MigrateNeverRefused == phase # "REFUSED"
==============================================================================
