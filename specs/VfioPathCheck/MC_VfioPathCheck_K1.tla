------------------------- MODULE MC_VfioPathCheck_K1 -------------------------
(* BROKEN (real bug K1): the kernel's skip loop as it was from 6.2 until the *)
(* 2026 fix.  The reference table says SET(PRE_COPY) from STOP_COPY is      *)
(* -EINVAL; the pre-fix vfio_mig_get_next_state never returns ("SPIN"), so  *)
(* KernelMatchesTable fails on that request while the rules still agree.    *)
EXTENDS VfioPathCheck
MCDefects == {}
MCTable == RefNextStep
MCOutcome == Outcome7
==============================================================================
