---------------------- MODULE MC_VfioMigration_LossArcs ---------------------
(* Correct, QEMU 10.x: each SET walked one arc per step, no arc fails, but  *)
(* chunks may be lost on the way.  The destination's driver refuses the     *)
(* incomplete stream at RESUMING -> STOP (LoadRejected, mlx5vf_cmd_load_    *)
(* vhca_state's error), QEMU fails the migration (RejectedLoad = FAIL) and   *)
(* the source resumes: every migration ends, nothing is lost silently.  The *)
(* refused load is the only failure here, so no ArcFails stands in for it.  *)
EXTENDS VfioMigration

MCFlagSets == {5}
MCDefects == {}
=============================================================================
