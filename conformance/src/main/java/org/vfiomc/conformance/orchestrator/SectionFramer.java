package org.vfiomc.conformance.orchestrator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.vfiomc.conformance.vfio.StreamFormat;

/**
 * Splits a migration data stream (format 1, see {@code vfio}'s package doc) into its sections as
 * its bytes pass by, whatever the sizes of the reads or writes that carry them: one {@link Section}
 * each time a section's last byte (its CRC) has been seen, the stream header (told apart from a
 * section by its first byte, wherever it comes) going with the section after it. Only the framing
 * is read (lengths, type, sequence number); CRCs and payloads are not checked, that is the
 * destination device's job.
 */
public final class SectionFramer {
  /**
   * A complete section: its type code, its sequence number in the stream, and its bytes (with the
   * stream header before them for the first section).
   */
  // callers read type, seq and the bytes; no caller compares Sections (equality would be by
  // array identity), and the bytes are copied in
  @SuppressWarnings("ArrayRecordComponent")
  public record Section(int type, long seq, byte[] bytes) {
    public Section {
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    public boolean is(StreamFormat.SectionType t) {
      return type == t.code();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Section s
          && s.type == type
          && s.seq == seq
          && java.util.Arrays.equals(s.bytes, bytes);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(type, seq, java.util.Arrays.hashCode(bytes));
    }

    @Override
    public String toString() {
      return "section " + seq + " type " + type + " (" + bytes.length + " bytes)";
    }
  }

  private byte[] buf = new byte[64];
  private int len;
  private byte[] pendingHeader = new byte[0];
  private Optional<String> problem = Optional.empty();

  /** Takes the next bytes of the stream; returns the sections they complete, in order. */
  public List<Section> feed(byte[] data) {
    if (len + data.length > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + data.length));
    }
    System.arraycopy(data, 0, buf, len, data.length);
    len += data.length;
    List<Section> out = new ArrayList<>();
    while (problem.isEmpty() && len > 0) {
      int need;
      // A header starts with the magic's first byte 'V' (0x56); a section with its type (0x01,
      // 0x02 or 0xff). Deciding on that byte keeps the framing right when chunks were lost or
      // reordered on the way, so that a header is missing or comes late.
      boolean header = (buf[0] & 0xff) == StreamFormat.MAGIC >>> 24;
      if (header) {
        if (len < StreamFormat.HEADER_FIXED_BYTES) {
          break;
        }
        need = StreamFormat.headerBytes(u16(6));
      } else {
        if (len < StreamFormat.SECTION_HEADER_BYTES) {
          break;
        }
        long n = u32(5);
        if (n > StreamFormat.MAX_SECTION_PAYLOAD) {
          problem = Optional.of("a section announces " + n + " payload bytes");
          break;
        }
        need = StreamFormat.SECTION_OVERHEAD + (int) n;
      }
      if (len < need) {
        break;
      }
      if (!header) {
        byte[] bytes = Arrays.copyOf(pendingHeader, pendingHeader.length + need);
        System.arraycopy(buf, 0, bytes, pendingHeader.length, need);
        pendingHeader = new byte[0];
        out.add(new Section(buf[0] & 0xff, u32(1), bytes));
      } else {
        pendingHeader = Arrays.copyOfRange(buf, 0, need);
      }
      System.arraycopy(buf, need, buf, 0, len - need);
      len -= need;
    }
    return out;
  }

  /** Why the bytes could not be framed, if they could not. */
  public Optional<String> problem() {
    return problem;
  }

  private int u16(int at) {
    return (buf[at] & 0xff) << 8 | (buf[at + 1] & 0xff);
  }

  private long u32(int at) {
    return (long) (buf[at] & 0xff) << 24
        | (buf[at + 1] & 0xff) << 16
        | (buf[at + 2] & 0xff) << 8
        | (buf[at + 3] & 0xff);
  }
}
