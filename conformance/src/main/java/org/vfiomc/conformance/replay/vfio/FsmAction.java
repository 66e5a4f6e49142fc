package org.vfiomc.conformance.replay.vfio;

import org.vfiomc.conformance.replay.SpecAction;

/** The actions of {@code VfioFsm}'s {@code Next}, typed. */
public sealed interface FsmAction extends SpecAction {
  /** SET to {@code target} (a state name or {@code OUT_OF_RANGE}). */
  record SetRequest(String target) implements FsmAction {
    @Override
    public String tag() {
      return "SetRequest";
    }
  }

  /** One iteration of the driver loop succeeds. */
  record SetStep() implements FsmAction {
    @Override
    public String tag() {
      return "SetStep";
    }
  }

  /** The next-step function rejects the request. */
  record SetReject() implements FsmAction {
    @Override
    public String tag() {
      return "SetReject";
    }
  }

  /** The next arc fails; {@code toError}: the device goes to ERROR, else it stays. */
  record SetStepFails(boolean toError) implements FsmAction {
    @Override
    public String tag() {
      return "SetStepFails";
    }
  }

  /** The pre-fix skip loop spins. */
  record SkipLoopSpin() implements FsmAction {
    @Override
    public String tag() {
      return "SkipLoopSpin";
    }
  }

  /** VFIO_DEVICE_RESET. */
  record Reset() implements FsmAction {
    @Override
    public String tag() {
      return "Reset";
    }
  }

  /** read() of one unit on fd {@code fd} (1-based, in creation order). */
  record ReadData(int fd) implements FsmAction {
    @Override
    public String tag() {
      return "ReadData";
    }
  }

  /** VFIO_MIG_GET_PRECOPY_INFO on fd {@code fd}. */
  record PrecopyInfo(int fd) implements FsmAction {
    @Override
    public String tag() {
      return "PrecopyInfo";
    }
  }

  /** One unit of device work. */
  record DeviceActivity() implements FsmAction {
    @Override
    public String tag() {
      return "DeviceActivity";
    }
  }

  /** End of the run (terminal stutter). */
  record Done() implements FsmAction {
    @Override
    public String tag() {
      return "Done";
    }
  }

  /** A reset during a SET, recorded until the SET's unlock (DeferredReset = TRUE). */
  record ResetDeferred() implements FsmAction {
    @Override
    public String tag() {
      return "ResetDeferred";
    }
  }

  /** The SET's unlock applies the recorded reset. */
  record DeferredResetApplied() implements FsmAction {
    @Override
    public String tag() {
      return "DeferredResetApplied";
    }
  }

  /**
   * A reset inside an arc in progress (DeferredReset = FALSE: the device's ResetRace.IMMEDIATE).
   */
  record ResetRacesArc() implements FsmAction {
    @Override
    public String tag() {
      return "ResetRacesArc";
    }
  }

  /** An asynchronous SAVE command completes (AsyncSave = TRUE: the device's completeSave). */
  record SaveDone() implements FsmAction {
    @Override
    public String tag() {
      return "SaveDone";
    }
  }
}
