----------------------- MODULE MC_VfioFsm_SkipIgnoresFlag -----------------------
(* BROKEN: the skip loop does not consult the advertised flags for          *)
(* RUNNING_P2P, so a device without VFIO_MIGRATION_P2P is walked through    *)
(* RUNNING_P2P (RUNNING -> STOP goes RUNNING -> RUNNING_P2P -> STOP) and    *)
(* sits in a state its flags do not advertise.                              *)
EXTENDS VfioFsm

MCFlagSets == {1, 5}
MCDefects == {"SkipIgnoresP2pFlag"}
==============================================================================
