------------------------ MODULE MC_VfioFsm_MttyEof ------------------------
(* BROKEN (K7, mtty sample): read() returns 0 at the temporary end of       *)
(* PRE_COPY data instead of -ENOMSG; 0 must mean the permanent end in       *)
(* STOP_COPY.                                                               *)
EXTENDS VfioFsm

MCFlagSets == {5, 7}
MCDefects == {"EofAtTemporaryEnd"}
==============================================================================
