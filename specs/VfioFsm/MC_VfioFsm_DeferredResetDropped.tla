-------------------- MODULE MC_VfioFsm_DeferredResetDropped --------------------
(* BROKEN (hypothetical): a SET path releases the state mutex with a plain   *)
(* mutex_unlock instead of the driver unlock helper, so a reset recorded    *)
(* during the SET is cleared and never applied.                            *)
EXTENDS VfioFsm

MCFlagSets == {5}
MCDefects == {}
==============================================================================
