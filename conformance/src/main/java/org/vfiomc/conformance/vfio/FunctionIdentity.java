package org.vfiomc.conformance.vfio;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * What a migratable function is, for compatibility: PCI vendor and device id, a model name, the
 * version of the state layout it saves, and the oldest state layout it can still load.
 */
public record FunctionIdentity(
    int vendorId, int deviceId, String model, int stateVersion, int minLoadableStateVersion) {

  public FunctionIdentity {
    checkArgument(vendorId >= 0 && vendorId <= 0xFFFF, "vendor id %s is not 16-bit", vendorId);
    checkArgument(deviceId >= 0 && deviceId <= 0xFFFF, "device id %s is not 16-bit", deviceId);
    requireNonNull(model, "model");
    checkArgument(
        model.matches("[a-z0-9][a-z0-9.-]{0,62}"),
        "model name %s must be 1-63 chars of [a-z0-9.-]",
        model);
    checkArgument(stateVersion >= 1, "state version %s must be >= 1", stateVersion);
    checkArgument(
        minLoadableStateVersion >= 1 && minLoadableStateVersion <= stateVersion,
        "oldest loadable state version %s must be in 1..%s",
        minLoadableStateVersion,
        stateVersion);
  }
}
