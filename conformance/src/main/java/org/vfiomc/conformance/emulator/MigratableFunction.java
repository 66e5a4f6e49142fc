package org.vfiomc.conformance.emulator;

import org.vfiomc.conformance.emulator.state.SnapshotFormatException;

/**
 * What a VFIO migration driver needs from a PCI function: its device state as bytes, loading such
 * bytes, a quiesce gate, and a digest to compare two devices' states.
 */
public interface MigratableFunction {
  /** The complete device state as a versioned stream (see {@code VfSnapshotCodec}). */
  byte[] saveState();

  /**
   * Replaces the device state with a saved stream. All or nothing: a stream that does not decode
   * leaves the device unchanged and throws, naming the byte offset.
   */
  void loadState(byte[] stream) throws SnapshotFormatException;

  /**
   * Quiesce on: no DMA, no interrupts, no device state change from MMIO (received frames wait and
   * overflow is counted). Quiesce off: everything resumes, pending interrupts fire.
   */
  void setQuiesced(boolean quiesced);

  /** True while quiesced. */
  boolean isQuiesced();

  /** A digest (hex SHA-256 of the saved stream) that is equal iff the device states are. */
  String stateDigest();
}
