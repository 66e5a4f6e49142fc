-------------------- MODULE MC_VfioPathCheck_NoFdP2pPreCopy --------------------
(* BROKEN: the driver's arc RUNNING_P2P -> PRE_COPY_P2P starts no saving     *)
(* session (no new data_fd), the slip of a per-arc fd list that forgets the  *)
(* P2P entry into pre-copy.  The reference's outcome list and NewFdRule still *)
(* say "new fd", so only the check against the session rules sees it:       *)
(* NewFdFromSessions fails on that arc in every flags-7 request.             *)
EXTENDS VfioPathCheck
MCDefects == {"NoFdOnP2pPreCopy"}
MCTable == RefNextStep
MCOutcome == Outcome7
==============================================================================
