------------------- MODULE MC_VfioMigration_NewFdInGroup --------------------
(* BROKEN: a driver whose PRE_COPY -> STOP_COPY opens a second saving       *)
(* session (VfioArcs' NewFdInsideSavingGroup): QEMU keeps the fd it holds   *)
(* (data_fd out of sync), which the kernel has disabled.                    *)
EXTENDS VfioMigration

MCFlagSets == {5}
MCDefects == {"NewFdInsideSavingGroup"}
=============================================================================
