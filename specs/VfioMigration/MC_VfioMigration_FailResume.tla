-------------------- MODULE MC_VfioMigration_FailResume ---------------------
(* Correct, the other side of RejectedLoad: the same failures, but a failed *)
(* destination start fails the migration and resumes the source             *)
(* (RejectedLoad = FAIL). A successful migration then never hides a lost    *)
(* device state (NoSilentLoss holds).                                       *)
EXTENDS VfioMigration

MCFlagSets == {5}
MCDefects == {}
=============================================================================
