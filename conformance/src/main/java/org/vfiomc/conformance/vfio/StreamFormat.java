package org.vfiomc.conformance.vfio;

import java.util.Optional;

/**
 * Constants of the migration data stream format, version 1 (all integers big-endian).
 *
 * <pre>
 * header   magic "VFMS" (56 46 4d 53) | u16 format version = 1 | u16 L (1..256)
 *          | L bytes ASCII migration version string | u32 CRC32C of the preceding 8+L bytes
 * section  u8 type | u32 sequence (0, 1, 2, ...) | u32 payload length n (at most 16 MiB)
 *          | n payload bytes | u32 CRC32C of the preceding 9+n bytes
 * order    PRECOPY_IMAGE* FINAL_STATE END, nothing after END; with incremental images
 *          (ImageMode.DELTA): PRECOPY_IMAGE PRECOPY_DELTA* FINAL_DELTA END, or FINAL_STATE END
 *          for a session started in STOP
 * END      payload = u32 number of sections before END | u32 CRC32C of every stream byte before
 *          the END section (header and all sections)
 * </pre>
 *
 * A PRECOPY_IMAGE carries the function's state as saved while it was still running (superseded by
 * later images); FINAL_STATE carries the state saved once the function was quiesced, and is what
 * the destination loads. Payloads are opaque to the migration layer, except that an increment
 * (PRECOPY_DELTA 0x03, FINAL_DELTA 0x04) is a {@link DeltaImage} the destination applies, in stream
 * order, to the whole image the sections before it built.
 */
public final class StreamFormat {
  /** "VFMS". */
  public static final int MAGIC = 0x56464D53;

  public static final int VERSION = 1;
  public static final int HEADER_FIXED_BYTES = 8;
  public static final int MAX_VERSION_STRING = 256;
  public static final int CRC_BYTES = 4;
  public static final int SECTION_HEADER_BYTES = 9;

  /** Bytes a section adds around its payload: 9 header bytes and the 4-byte CRC. */
  public static final int SECTION_OVERHEAD = SECTION_HEADER_BYTES + CRC_BYTES;

  public static final int END_PAYLOAD_BYTES = 8;
  public static final int END_SECTION_BYTES = SECTION_OVERHEAD + END_PAYLOAD_BYTES;
  public static final int MAX_SECTION_PAYLOAD = 16 << 20;

  /** Section types. */
  public enum SectionType {
    PRECOPY_IMAGE(0x01),
    FINAL_STATE(0x02),
    /** An incremental pre-copy image ({@link ImageMode#DELTA}): a {@link DeltaImage}. */
    PRECOPY_DELTA(0x03),
    /**
     * The final state as an increment over the session's previous image ({@link ImageMode#DELTA}).
     */
    FINAL_DELTA(0x04),
    END(0xFF);

    private final int code;

    SectionType(int code) {
      this.code = code;
    }

    public int code() {
      return code;
    }

    static Optional<SectionType> fromCode(int code) {
      for (SectionType t : values()) {
        if (t.code == code) {
          return Optional.of(t);
        }
      }
      return Optional.empty();
    }
  }

  private StreamFormat() {}

  /** Size of the header for a version string of {@code versionLength} bytes. */
  public static int headerBytes(int versionLength) {
    return HEADER_FIXED_BYTES + versionLength + CRC_BYTES;
  }
}
