package org.vfiomc.conformance.orchestrator;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * One multifd device-state packet ({@code VFIODeviceStatePacket}, {@code
 * hw/vfio/migration-multifd.c}): three 32-bit big-endian words, version, index and flags, then the
 * bytes of one read of the saving fd, or, for the last packet of a device, the config state (flag
 * {@link #FLAG_CONFIG_STATE}: {@code vfio_save_complete_precopy_thread_config_state}).
 */
final class DeviceStatePacket {
  /** Bytes before the data: version, idx, flags. */
  static final int HEADER_BYTES = 12;

  /** {@code VFIO_DEVICE_STATE_PACKET_VER_CURRENT}: the only version a destination accepts. */
  static final int VERSION_CURRENT = 0;

  /** {@code VFIO_DEVICE_STATE_CONFIG_STATE}: the packet holds the config state, the last one. */
  static final int FLAG_CONFIG_STATE = 1;

  private DeviceStatePacket() {}

  /** A decoded packet. */
  // the data is copied in and out, and no caller compares Decoded values
  @SuppressWarnings("ArrayRecordComponent")
  record Decoded(int version, long idx, int flags, byte[] data) {
    Decoded {
      data = data.clone();
    }

    @Override
    public byte[] data() {
      return data.clone();
    }

    boolean config() {
      return (flags & FLAG_CONFIG_STATE) != 0;
    }
  }

  /** The packet's bytes. */
  static byte[] encode(int version, int idx, int flags, byte[] data) {
    return ByteBuffer.allocate(HEADER_BYTES + data.length)
        .putInt(version)
        .putInt(idx)
        .putInt(flags)
        .put(data)
        .array();
  }

  /** The packet, or empty when it is shorter than its header ("packet too short"). */
  static Optional<Decoded> decode(byte[] bytes) {
    if (bytes.length < HEADER_BYTES) {
      return Optional.empty();
    }
    ByteBuffer b = ByteBuffer.wrap(bytes);
    int version = b.getInt();
    long idx = Integer.toUnsignedLong(b.getInt());
    int flags = b.getInt();
    byte[] data = new byte[bytes.length - HEADER_BYTES];
    b.get(data);
    return Optional.of(new Decoded(version, idx, flags, data));
  }

  /** The config packet's data: {@code vfio_save_device_config_state} (no config bytes modelled). */
  static byte[] configData() {
    return ByteBuffer.allocate(16)
        .putLong(VfioSectionStream.DEV_CONFIG_STATE)
        .putLong(VfioSectionStream.END_OF_STATE)
        .array();
  }
}
