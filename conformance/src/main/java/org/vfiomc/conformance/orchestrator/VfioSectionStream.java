package org.vfiomc.conformance.orchestrator;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A VFIO device's part of QEMU's migration stream ({@code hw/vfio/migration.c}): each save handler
 * writes one savevm section of records, each record opened by a 64-bit big-endian tag and the
 * section closed by {@link #END_OF_STATE}. {@code vfio_save_setup} writes {@link #DEV_SETUP_STATE};
 * {@code vfio_save_iterate} and {@code vfio_save_complete_precopy} write {@link #DEV_DATA_STATE}
 * records (tag, 64-bit size, the bytes read from the data fd, {@code vfio_save_block}), {@code
 * vfio_save_iterate} once {@link #DEV_INIT_DATA_SENT} with switchover-ack; {@code vfio_save_state}
 * writes {@link #DEV_CONFIG_STATE} (the PCI config space: none in this model). The stream is the
 * migration channel's: it neither loses nor reorders bytes.
 *
 * <p>The destination side is {@link Loader}, {@code vfio_load_state}: it hands every data record's
 * bytes to the resuming fd ({@code vfio_load_buffer}), and fails the load on an unknown tag or on
 * the end of the stream inside a section; QEMU's destination then exits ({@code
 * process_incoming_migration_co}) before any device takes RESUMING → STOP.
 */
public final class VfioSectionStream {
  /** Tags of {@code hw/vfio/migration.c} (VFIO_MIG_FLAG_*). */
  public static final long END_OF_STATE = 0xffffffffef100001L;

  public static final long DEV_CONFIG_STATE = 0xffffffffef100002L;
  public static final long DEV_SETUP_STATE = 0xffffffffef100003L;
  public static final long DEV_DATA_STATE = 0xffffffffef100004L;
  public static final long DEV_INIT_DATA_SENT = 0xffffffffef100005L;

  private VfioSectionStream() {}

  /** A tag alone (8 bytes, big-endian, {@code qemu_put_be64}). */
  public static byte[] tag(long tag) {
    return ByteBuffer.allocate(8).putLong(tag).array();
  }

  /** A data record: {@link #DEV_DATA_STATE}, the size, the bytes. */
  public static byte[] data(byte[] bytes) {
    return ByteBuffer.allocate(16 + bytes.length)
        .putLong(DEV_DATA_STATE)
        .putLong(bytes.length)
        .put(bytes)
        .array();
  }

  /** The tag's name for messages. */
  public static String name(long tag) {
    if (tag == END_OF_STATE) {
      return "END_OF_STATE";
    } else if (tag == DEV_CONFIG_STATE) {
      return "DEV_CONFIG_STATE";
    } else if (tag == DEV_SETUP_STATE) {
      return "DEV_SETUP_STATE";
    } else if (tag == DEV_DATA_STATE) {
      return "DEV_DATA_STATE";
    } else if (tag == DEV_INIT_DATA_SENT) {
      return "DEV_INIT_DATA_SENT";
    }
    return String.format(Locale.ROOT, "0x%016x", tag);
  }

  /** What a {@link Loader} made of the bytes fed to it so far. */
  public record Loaded(List<byte[]> data, int sectionsEnded, Optional<String> error) {
    public Loaded {
      data = List.copyOf(data);
    }
  }

  /**
   * One device's {@code vfio_load_state} on the destination, fed the stream's bytes as they come
   * (any split): in a section it reads tags until {@link #END_OF_STATE}; a data record's size and
   * bytes follow its tag, {@link #DEV_SETUP_STATE} and {@link #DEV_CONFIG_STATE} (no config bytes
   * in this model) must be followed by {@link #END_OF_STATE}. After an error it takes nothing more
   * (the destination has exited).
   */
  public static final class Loader {
    private final ByteBuffer word = ByteBuffer.allocate(8);
    private boolean open; // inside a section
    private boolean readingSize;
    private boolean expectEnd;
    private String expectEndAfter = "";
    private long dataLeft;
    private int initDataSent;
    private Optional<String> error = Optional.empty();

    /** Decodes {@code bytes}; the data records' payload bytes come back in order. */
    public Loaded feed(byte[] bytes) {
      List<byte[]> out = new ArrayList<>();
      int ended = 0;
      int i = 0;
      while (i < bytes.length && error.isEmpty()) {
        if (dataLeft > 0) {
          int n = (int) Math.min(dataLeft, bytes.length - i);
          byte[] chunk = new byte[n];
          System.arraycopy(bytes, i, chunk, 0, n);
          out.add(chunk);
          i += n;
          dataLeft -= n;
          continue;
        }
        word.put(bytes[i++]);
        if (word.position() < 8) {
          continue;
        }
        long v = word.getLong(0);
        word.clear();
        if (readingSize) {
          readingSize = false;
          if (v < 0) {
            error = Optional.of("data record of size " + Long.toUnsignedString(v));
          }
          dataLeft = v;
        } else if (tag(v)) {
          ended++;
        }
      }
      return new Loaded(out, ended, error);
    }

    /** Handles a complete tag; whether it closed a section. */
    private boolean tag(long tag) {
      open = true;
      if (expectEnd && tag != END_OF_STATE) {
        error =
            Optional.of("tag " + name(tag) + " where END_OF_STATE must follow " + expectEndAfter);
        return false;
      }
      if (tag == END_OF_STATE) {
        open = false;
        expectEnd = false;
        return true;
      } else if (tag == DEV_DATA_STATE) {
        readingSize = true;
      } else if (tag == DEV_SETUP_STATE || tag == DEV_CONFIG_STATE) {
        expectEnd = true;
        expectEndAfter = name(tag);
      } else if (tag == DEV_INIT_DATA_SENT) {
        initDataSent++;
      } else {
        error = Optional.of("unknown tag " + name(tag));
      }
      return false;
    }

    /**
     * The stream ended (QEMU_VM_EOF, or the channel closed): an error if it ended inside a section
     * or a record, which {@code qemu_get_be64} reads as an I/O error.
     */
    public Optional<String> endOfStream() {
      if (error.isEmpty() && (open || word.position() > 0 || readingSize || dataLeft > 0)) {
        error = Optional.of("end of stream inside a section");
      }
      return error;
    }

    /** How many DEV_INIT_DATA_SENT records arrived (switchover-ack's approval). */
    public int initDataSent() {
      return initDataSent;
    }

    public Optional<String> error() {
      return error;
    }
  }
}
