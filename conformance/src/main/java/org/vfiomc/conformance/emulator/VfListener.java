package org.vfiomc.conformance.emulator;

import org.vfiomc.conformance.emulator.packet.DropReason;
import org.vfiomc.conformance.emulator.packet.Frame;

/** What the VF reports to the outside world (the wire and the test oracle). */
public interface VfListener {
  /** A frame left on the wire from Tx queue {@code q}: {@code buf[0, len)} (valid during call). */
  default void transmitted(int q, byte[] buf, int len) {}

  /** A received frame was dropped by the device and counted. */
  default void rxDropped(Frame frame, DropReason reason) {}

  /** An MSI-X message was sent on {@code vector}. */
  default void msix(int vector) {}
}
