package org.vfiomc.conformance.orchestrator;

import java.util.List;
import org.vfiomc.conformance.vfio.Arc;
import org.vfiomc.conformance.vfio.VfioMigrationDevice;

/**
 * What the {@link MigrationOrchestrator} tells an observer at protocol-level events: every arc and
 * reset of a device, every read from a saving fd and write into a resuming fd, the end of a
 * stop-copy stream, an abort and the end of the recovery. The orchestrator calls these in the order
 * the events happen; an observer must not change any device. Every method does nothing by default
 * ({@link #NONE}: the orchestrator's default, no recording).
 */
public interface ProtocolObserver {
  /** Observes nothing. */
  ProtocolObserver NONE = new ProtocolObserver() {};

  /** The migration of {@code pairs} begins; no device has been touched yet. */
  default void migrationBegins(List<DevicePair> pairs) {}

  /** {@code device} completed one arc of a SET. */
  default void arcTaken(VfioMigrationDevice device, Arc arc) {}

  /** {@code device} was reset (VFIO_DEVICE_RESET: back in RUNNING, function state lost). */
  default void deviceReset(VfioMigrationDevice device) {}

  /** {@code read()} on the saving fd of {@code pair} returned {@code data} (not empty). */
  default void sourceRead(DevicePair pair, byte[] data) {}

  /** {@code data} was written into the resuming fd of {@code pair}. */
  default void destinationWritten(DevicePair pair, byte[] data) {}

  /** The chunk just read from {@code pair}'s source is lost on the way ({@link ChunkFault}). */
  default void chunkLost(DevicePair pair) {}

  /** The two chunks on the way to {@code pair}'s destination swap places ({@link ChunkFault}). */
  default void chunksReordered(DevicePair pair) {}

  /** {@code pair}'s source opens VFIO section {@code section} (from 1, over all devices). */
  default void sectionOpened(DevicePair pair, int section) {}

  /** {@code pair}'s stop-copy packet with index {@code idx} goes to the multifd channels. */
  default void multifdPacketSent(DevicePair pair, int idx) {}

  /**
   * {@code read()} on the STOP_COPY fd of {@code pair} returned 0 (end of stream); {@code
   * sectionEnds} tells whether the orchestrator ends the device's section on it.
   */
  default void endOfStream(DevicePair pair, boolean sectionEnds) {}

  /** The migration is aborted (a cancel or a failure); recovery follows. */
  default void aborted(MigrationReport.Outcome outcome, String why) {}

  /** Recovery after an abort is done (sources resumed or reset, destinations torn down). */
  default void recovered() {}
}
