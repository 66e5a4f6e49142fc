---------------------- MODULE MC_VfioFsm_NewFdOracle ----------------------
(* BROKEN: same new fd inside the saving group, caught by the result oracle *)
(* (fd returned although the reference's rule says no new fd).              *)
EXTENDS VfioFsm

MCFlagSets == {5, 7}
MCDefects == {"NewFdInsideSavingGroup"}
==============================================================================
