------------------------------ MODULE MC_VfioFsm ------------------------------
(* The correct device FSM, all four legal flag sets in one model (Init picks *)
(* the flags), arcs that may fail, the fixed skip loop, no defects.          *)
EXTENDS VfioFsm

MCFlagSets == {1, 3, 5, 7}
MCDefects == {}
==============================================================================
