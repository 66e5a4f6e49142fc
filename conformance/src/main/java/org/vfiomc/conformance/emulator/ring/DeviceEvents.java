package org.vfiomc.conformance.emulator.ring;

import org.vfiomc.conformance.emulator.packet.DropReason;
import org.vfiomc.conformance.emulator.packet.Frame;

/** Callbacks from the ring engines to the device (interrupts) and to the outside world. */
public interface DeviceEvents {
  /** A frame was fully written back on Rx queue {@code q}. */
  void rxDone(int q);

  /** A Tx descriptor with RS completed on queue {@code q}. */
  void txDone(int q);

  /** The device dropped a received frame and counted it. */
  void rxDropped(Frame frame, DropReason reason);

  /** A frame left on the wire from Tx queue {@code q}: {@code buf[0, len)}. */
  void transmitted(int q, byte[] buf, int len);
}
