package org.vfiomc.conformance.replay.vfio;

import org.vfiomc.conformance.replay.SpecAction;

/** The actions of {@code VfioP2p}'s {@code Next}, typed. */
public sealed interface P2pAction extends SpecAction {
  /** Per-device QEMU callbacks that issue a SET, by spec operator name. */
  enum DeviceStep {
    SaveSetup,
    StopPrepare,
    StopMain,
    SaveComplete,
    StartPrepare,
    StartMain,
    SaveCleanup,
    RestartPrepare,
    RestartMain,
    FailCleanup,
    NotifyFailed,
    PausePrepare,
    PauseMain,
    ContPrepare,
    ContMain
  }

  /** Kernel and QEMU steps on one device after a failed SET, by spec operator name. */
  enum FailureStep {
    ArcFails,
    SetRejected,
    DeviceReset
  }

  /** QEMU's phase steps, by spec operator name. */
  enum PhaseStep {
    StartMigration,
    MigrationRefused,
    Switchover,
    EndStopPrepare,
    EndStopMain,
    EndSaveComplete,
    LoadComplete,
    EndStartPrepare,
    EndStartMain,
    EndCleanup,
    MigrationFails,
    RestartSource,
    EndRestartPrepare,
    EndRestartMain,
    EndFailCleanup,
    EndNotify,
    UserStop,
    EndPausePrepare,
    EndPauseMain,
    UserCont,
    EndContPrepare,
    EndContMain,
    Finished
  }

  /** {@code P2pIssue(h, s, t)}: device {@code initiator} starts a write into {@code target}. */
  record P2pIssue(String host, int initiator, int target) implements P2pAction {
    @Override
    public String tag() {
      return "P2pIssue";
    }
  }

  /** {@code P2pLand(h, s, t)}: the write lands (or is lost). */
  record P2pLand(String host, int initiator, int target) implements P2pAction {
    @Override
    public String tag() {
      return "P2pLand";
    }
  }

  /** {@code ArcStep(h, d)}: the kernel takes one arc of the SET in flight, into {@code to}. */
  record ArcStep(String host, int device, String to) implements P2pAction {
    @Override
    public String tag() {
      return "ArcStep";
    }
  }

  /** A failure step on device {@code device} of {@code host}. */
  record OnFailure(FailureStep step, String host, int device) implements P2pAction {
    @Override
    public String tag() {
      return step.name();
    }
  }

  /** A per-device callback. */
  record OnDevice(DeviceStep step, int device) implements P2pAction {
    @Override
    public String tag() {
      return step.name();
    }
  }

  /** A phase step. */
  record Phase(PhaseStep step) implements P2pAction {
    @Override
    public String tag() {
      return step.name();
    }
  }
}
