package org.vfiomc.conformance.vfio;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * Validates a complete version-1 migration stream ({@link StreamFormat}) for a target function and
 * extracts the FINAL_STATE payload. Never throws on bad input: every defect is a {@link
 * StreamError} with the byte offset where it was found. Checks, in order: header length, magic,
 * format version, version-string length, header CRC, compatibility of the source's version string;
 * then per section: header and payload present, payload size, section CRC, known type, sequence
 * number, position (images before the final state, END last); END's section count and whole-stream
 * CRC; no bytes after END. Increments ({@link ImageMode#DELTA}) are applied in stream order to the
 * whole image built before them, each checked against the base it names ({@link
 * StreamError.Kind#DELTA_BASE_MISMATCH}) and for well-formed runs ({@link
 * StreamError.Kind#BAD_DELTA}); the final state is then the final increment applied.
 */
public final class MigrationStreamReader {
  private MigrationStreamReader() {}

  /** The result of parsing: either the final state payload or the error. */
  public static final class Parsed {
    private final StreamError error;
    private final byte[] finalState;
    private final String sourceVersion;
    private final int precopyImages;
    private final int baseMismatches;

    private Parsed(StreamError error, byte[] finalState, String sourceVersion, int images) {
      this(error, finalState, sourceVersion, images, 0);
    }

    private Parsed(
        StreamError error, byte[] finalState, String sourceVersion, int images, int mismatches) {
      this.error = error;
      this.finalState = finalState;
      this.sourceVersion = sourceVersion;
      this.precopyImages = images;
      this.baseMismatches = mismatches;
    }

    public Optional<StreamError> error() {
      return Optional.ofNullable(error);
    }

    /**
     * The state to load: the FINAL_STATE payload, or the image a FINAL_DELTA built; only for an
     * accepted stream.
     */
    public byte[] finalState() {
      if (error != null) {
        throw new IllegalStateException("rejected stream has no state: " + error);
      }
      if (finalState == null) {
        throw new IllegalStateException("the accepted stream carries no state");
      }
      return finalState.clone();
    }

    /**
     * Whether an accepted stream carries a state to load: always for a strict parse; a lenient
     * parse ({@link LoadDefect#ACCEPT_TRUNCATED}) may accept a stream without any.
     */
    public boolean hasState() {
      return error == null && finalState != null;
    }

    public String sourceVersion() {
      return sourceVersion;
    }

    public int precopyImages() {
      return precopyImages;
    }

    /**
     * Increments applied to an image they were not made for; always 0 unless the parse skips the
     * base check ({@link LoadDefect#UNCHECKED_DELTA_BASE}), which then loads a state the source may
     * never have had.
     */
    public int baseMismatches() {
      return baseMismatches;
    }
  }

  /**
   * The whole image the sections read so far build: a whole image replaces it, an increment is
   * applied to it ({@link DeltaImage}), checking its base unless told not to.
   */
  private static final class Chain {
    private final boolean checkBase;
    private byte[] current;
    private int mismatches;

    Chain(boolean checkBase) {
      this.checkBase = checkBase;
    }

    /** Applies the increment found at byte {@code pos}; the rejection, or {@code null}. */
    Parsed applyDelta(byte[] delta, int pos) {
      if (current == null) {
        return reject(
            StreamError.Kind.BAD_DELTA, pos, "an increment without a whole image before it");
      }
      if (!DeltaImage.appliesTo(delta, current)) {
        if (checkBase) {
          return reject(
              StreamError.Kind.DELTA_BASE_MISMATCH,
              pos,
              String.format(
                  "increment made for a base with digest %016x, the image before it has %016x",
                  DeltaImage.baseDigest(delta).orElse(0L), DeltaImage.digest(current)));
        }
        mismatches++;
      }
      DeltaImage.Applied applied = DeltaImage.apply(current, delta);
      if (applied.malformed().isPresent()) {
        return reject(StreamError.Kind.BAD_DELTA, pos, "increment: " + applied.malformed().get());
      }
      current = applied.image().orElseThrow();
      return null;
    }
  }

  private static Parsed reject(StreamError.Kind kind, long offset, String message) {
    return new Parsed(new StreamError(kind, offset, message), null, "", 0);
  }

  /**
   * Parses {@code stream} as a device with the given validation bugs does (none: {@link
   * #parse(byte[], FunctionIdentity)}).
   */
  public static Parsed parse(
      byte[] stream, FunctionIdentity target, java.util.Set<LoadDefect> defects) {
    boolean checkBase = !defects.contains(LoadDefect.UNCHECKED_DELTA_BASE);
    if (defects.isEmpty() || (defects.size() == 1 && !checkBase)) {
      return parseStrict(stream, target, checkBase);
    }
    return parseLenient(stream, target, defects);
  }

  /** Parses {@code stream} as sent by a source and checks that {@code target} can load it. */
  public static Parsed parse(byte[] stream, FunctionIdentity target) {
    return parseStrict(stream, target, true);
  }

  private static Parsed parseStrict(byte[] stream, FunctionIdentity target, boolean checkBase) {
    Parsed header = parseHeaderOnly(stream, target);
    if (header.error != null) {
      return header;
    }
    return parseSections(
        stream,
        StreamFormat.headerBytes(header.sourceVersion.length()),
        header.sourceVersion,
        new Chain(checkBase));
  }

  /**
   * Checks the header at the start of {@code stream} and the source's version string; an accepted
   * result carries the version string and no state.
   */
  private static Parsed parseHeaderOnly(byte[] stream, FunctionIdentity target) {
    requireNonNull(stream, "stream");
    requireNonNull(target, "target");
    ByteBuffer b = ByteBuffer.wrap(stream);
    int n = stream.length;
    if (n < StreamFormat.HEADER_FIXED_BYTES) {
      return reject(StreamError.Kind.TRUNCATED, n, "stream of " + n + " bytes has no header");
    }
    int magic = b.getInt(0);
    if (magic != StreamFormat.MAGIC) {
      return reject(
          StreamError.Kind.BAD_MAGIC,
          0,
          String.format("magic 0x%08x is not 0x%08x (\"VFMS\")", magic, StreamFormat.MAGIC));
    }
    int format = Short.toUnsignedInt(b.getShort(4));
    if (format != StreamFormat.VERSION) {
      return reject(
          StreamError.Kind.UNSUPPORTED_FORMAT,
          4,
          "stream format version " + format + ", this target reads " + StreamFormat.VERSION);
    }
    int vlen = Short.toUnsignedInt(b.getShort(6));
    if (vlen < 1 || vlen > StreamFormat.MAX_VERSION_STRING) {
      return reject(
          StreamError.Kind.BAD_HEADER, 6, "version string length " + vlen + " not in 1..256");
    }
    int headerEnd = StreamFormat.headerBytes(vlen);
    if (n < headerEnd) {
      return reject(
          StreamError.Kind.TRUNCATED, n, "header needs " + headerEnd + " bytes, stream has " + n);
    }
    int headerCrc = b.getInt(headerEnd - StreamFormat.CRC_BYTES);
    int actual = MigrationStreamWriter.crc(stream, 0, headerEnd - StreamFormat.CRC_BYTES);
    if (headerCrc != actual) {
      return reject(
          StreamError.Kind.HEADER_CHECKSUM,
          headerEnd - StreamFormat.CRC_BYTES,
          String.format("header CRC32C 0x%08x, computed 0x%08x", headerCrc, actual));
    }
    String version =
        new String(stream, StreamFormat.HEADER_FIXED_BYTES, vlen, StandardCharsets.ISO_8859_1);
    Compatibility compat = MigrationVersion.check(target, version);
    if (!compat.compatible()) {
      return reject(
          StreamError.Kind.INCOMPATIBLE, StreamFormat.HEADER_FIXED_BYTES, compat.reason());
    }
    return new Parsed(null, null, version, 0);
  }

  private static Parsed parseSections(byte[] stream, int start, String version, Chain chain) {
    ByteBuffer b = ByteBuffer.wrap(stream);
    int n = stream.length;
    int pos = start;
    int expectedSeq = 0;
    int images = 0;
    byte[] finalState = null;
    while (true) {
      if (n - pos < StreamFormat.SECTION_HEADER_BYTES) {
        return reject(
            StreamError.Kind.TRUNCATED,
            n,
            "stream ends inside or before section " + expectedSeq + " (no END section)");
      }
      int typeCode = Byte.toUnsignedInt(b.get(pos));
      int seq = b.getInt(pos + 1);
      long len = Integer.toUnsignedLong(b.getInt(pos + 5));
      if (len > StreamFormat.MAX_SECTION_PAYLOAD) {
        return reject(
            StreamError.Kind.SECTION_TOO_LARGE,
            pos + 5,
            "section payload length " + len + " exceeds " + StreamFormat.MAX_SECTION_PAYLOAD);
      }
      long sectionEnd = pos + StreamFormat.SECTION_OVERHEAD + len;
      if (sectionEnd > n) {
        return reject(
            StreamError.Kind.TRUNCATED,
            n,
            "section at byte " + pos + " needs " + (sectionEnd - pos) + " bytes, stream ends");
      }
      int payloadEnd = (int) (sectionEnd - StreamFormat.CRC_BYTES);
      Parsed badCrc = sectionCrcError(stream, b, pos, payloadEnd);
      if (badCrc != null) {
        return badCrc;
      }
      Optional<StreamFormat.SectionType> type = StreamFormat.SectionType.fromCode(typeCode);
      if (type.isEmpty()) {
        return reject(
            StreamError.Kind.BAD_SECTION_TYPE, pos, "unknown section type 0x" + hex(typeCode));
      }
      if (seq != expectedSeq) {
        return reject(
            StreamError.Kind.SECTION_OUT_OF_ORDER,
            pos + 1,
            "section sequence " + Integer.toUnsignedString(seq) + ", expected " + expectedSeq);
      }
      int payloadStart = pos + StreamFormat.SECTION_HEADER_BYTES;
      switch (type.get()) {
        case PRECOPY_IMAGE, PRECOPY_DELTA -> {
          if (finalState != null) {
            return reject(
                StreamError.Kind.SECTION_OUT_OF_ORDER, pos, "pre-copy image after the final state");
          }
          images++;
          byte[] payload = Arrays.copyOfRange(stream, payloadStart, payloadEnd);
          if (type.get() == StreamFormat.SectionType.PRECOPY_IMAGE) {
            chain.current = payload;
          } else {
            Parsed bad = chain.applyDelta(payload, payloadStart);
            if (bad != null) {
              return bad;
            }
          }
        }
        case FINAL_STATE, FINAL_DELTA -> {
          if (finalState != null) {
            return reject(StreamError.Kind.SECTION_OUT_OF_ORDER, pos, "second final state");
          }
          byte[] payload = Arrays.copyOfRange(stream, payloadStart, payloadEnd);
          if (type.get() == StreamFormat.SectionType.FINAL_DELTA) {
            Parsed bad = chain.applyDelta(payload, payloadStart);
            if (bad != null) {
              return bad;
            }
            payload = chain.current;
          }
          finalState = payload;
        }
        case END -> {
          Optional<Parsed> bad =
              checkEnd(stream, pos, payloadStart, (int) len, seq, sectionEnd, finalState);
          return bad.orElse(new Parsed(null, finalState, version, images, chain.mismatches));
        }
      }
      pos = (int) sectionEnd;
      expectedSeq++;
    }
  }

  private static Optional<Parsed> checkEnd(
      byte[] stream,
      int pos,
      int payloadStart,
      int len,
      int seq,
      long sectionEnd,
      byte[] finalState) {
    if (finalState == null) {
      return Optional.of(
          reject(StreamError.Kind.MISSING_FINAL_STATE, pos, "END without a final state"));
    }
    if (len != StreamFormat.END_PAYLOAD_BYTES) {
      return Optional.of(
          reject(StreamError.Kind.BAD_END, pos + 5, "END payload has " + len + " bytes, not 8"));
    }
    ByteBuffer b = ByteBuffer.wrap(stream);
    int count = b.getInt(payloadStart);
    if (count != seq) {
      return Optional.of(
          reject(
              StreamError.Kind.BAD_END,
              payloadStart,
              "END counts " + Integer.toUnsignedString(count) + " sections, saw " + seq));
    }
    CRC32C whole = new CRC32C();
    whole.update(stream, 0, pos);
    int expected = b.getInt(payloadStart + 4);
    if (expected != (int) whole.getValue()) {
      return Optional.of(
          reject(
              StreamError.Kind.STREAM_CHECKSUM,
              payloadStart + 4,
              String.format(
                  "stream CRC32C 0x%08x, computed 0x%08x", expected, (int) whole.getValue())));
    }
    if (sectionEnd != stream.length) {
      return Optional.of(
          reject(
              StreamError.Kind.TRAILING_BYTES,
              sectionEnd,
              (stream.length - sectionEnd) + " bytes after the END section"));
    }
    return Optional.empty();
  }

  /**
   * The parse of a device with validation bugs ({@link LoadDefect}); the checks it still makes are
   * those of {@link #parse(byte[], FunctionIdentity)}.
   */
  private static Parsed parseLenient(
      byte[] stream, FunctionIdentity target, java.util.Set<LoadDefect> defects) {
    boolean anyOrder = defects.contains(LoadDefect.ACCEPT_REORDERED);
    boolean truncatedOk = defects.contains(LoadDefect.ACCEPT_TRUNCATED);
    ByteBuffer b = ByteBuffer.wrap(stream);
    int n = stream.length;
    int pos = 0;
    String version = null;
    if (!anyOrder) {
      if (n == 0 && truncatedOk) {
        return new Parsed(null, null, "", 0);
      }
      Parsed header = parseHeaderOnly(stream, target);
      if (header.error != null) {
        return header;
      }
      version = header.sourceVersion;
      pos = StreamFormat.headerBytes(version.length());
    }
    int expectedSeq = 0;
    int images = 0;
    Chain chain = new Chain(!defects.contains(LoadDefect.UNCHECKED_DELTA_BASE));
    byte[] finalState = null;
    boolean ended = false;
    while (pos < n) {
      if (ended) {
        return reject(StreamError.Kind.TRAILING_BYTES, pos, (n - pos) + " bytes after END");
      }
      if (anyOrder && version == null && n - pos >= 4 && b.getInt(pos) == StreamFormat.MAGIC) {
        byte[] rest = Arrays.copyOfRange(stream, pos, n);
        Parsed header = parseHeaderOnly(rest, target);
        if (header.error != null) {
          // parseHeaderOnly counts from the header's first byte; the error names a stream byte
          StreamError e = header.error;
          return reject(e.kind(), pos + e.offset(), e.message());
        }
        version = header.sourceVersion;
        pos += StreamFormat.headerBytes(version.length());
        continue;
      }
      if (n - pos < StreamFormat.SECTION_HEADER_BYTES) {
        return reject(StreamError.Kind.TRUNCATED, n, "stream ends inside a section header");
      }
      int typeCode = Byte.toUnsignedInt(b.get(pos));
      int seq = b.getInt(pos + 1);
      long len = Integer.toUnsignedLong(b.getInt(pos + 5));
      if (len > StreamFormat.MAX_SECTION_PAYLOAD) {
        return reject(StreamError.Kind.SECTION_TOO_LARGE, pos + 5, "section payload length " + len);
      }
      long sectionEnd = pos + StreamFormat.SECTION_OVERHEAD + len;
      if (sectionEnd > n) {
        return reject(StreamError.Kind.TRUNCATED, n, "section at byte " + pos + " is cut off");
      }
      int payloadEnd = (int) (sectionEnd - StreamFormat.CRC_BYTES);
      Parsed badCrc = sectionCrcError(stream, b, pos, payloadEnd);
      if (badCrc != null) {
        return badCrc;
      }
      Optional<StreamFormat.SectionType> type = StreamFormat.SectionType.fromCode(typeCode);
      if (type.isEmpty()) {
        return reject(
            StreamError.Kind.BAD_SECTION_TYPE, pos, "unknown section type 0x" + hex(typeCode));
      }
      if (!anyOrder && seq != expectedSeq) {
        return reject(
            StreamError.Kind.SECTION_OUT_OF_ORDER,
            pos + 1,
            "section sequence " + Integer.toUnsignedString(seq) + ", expected " + expectedSeq);
      }
      byte[] payload =
          Arrays.copyOfRange(stream, pos + StreamFormat.SECTION_HEADER_BYTES, payloadEnd);
      int payloadStart = pos + StreamFormat.SECTION_HEADER_BYTES;
      switch (type.get()) {
        case PRECOPY_IMAGE, PRECOPY_DELTA -> {
          if (!anyOrder && finalState != null) {
            return reject(
                StreamError.Kind.SECTION_OUT_OF_ORDER, pos, "pre-copy image after the final state");
          }
          images++;
          if (type.get() == StreamFormat.SectionType.PRECOPY_IMAGE) {
            chain.current = payload;
          } else {
            Parsed bad = chain.applyDelta(payload, payloadStart);
            if (bad != null) {
              return bad;
            }
          }
        }
        case FINAL_STATE, FINAL_DELTA -> {
          if (finalState != null) {
            return reject(StreamError.Kind.SECTION_OUT_OF_ORDER, pos, "second final state");
          }
          if (type.get() == StreamFormat.SectionType.FINAL_DELTA) {
            Parsed bad = chain.applyDelta(payload, payloadStart);
            if (bad != null) {
              return bad;
            }
            payload = chain.current;
          }
          finalState = payload;
        }
        case END -> {
          if (finalState == null) {
            return reject(StreamError.Kind.MISSING_FINAL_STATE, pos, "END without a final state");
          }
          ended = true;
        }
      }
      pos = (int) sectionEnd;
      expectedSeq++;
    }
    if (!ended && !truncatedOk) {
      return reject(StreamError.Kind.TRUNCATED, n, "stream ends before its END section");
    }
    byte[] state = finalState != null ? finalState : chain.current;
    return new Parsed(null, state, version == null ? "" : version, images, chain.mismatches);
  }

  /**
   * The rejection of a section (header at {@code pos}, payload up to {@code payloadEnd}) whose
   * CRC32C does not match, or {@code null} when it does.
   */
  private static Parsed sectionCrcError(byte[] stream, ByteBuffer b, int pos, int payloadEnd) {
    int crc = b.getInt(payloadEnd);
    int computed = MigrationStreamWriter.crc(stream, pos, payloadEnd - pos);
    if (crc == computed) {
      return null;
    }
    return reject(
        StreamError.Kind.SECTION_CHECKSUM,
        payloadEnd,
        String.format("section CRC32C 0x%08x, computed 0x%08x", crc, computed));
  }

  private static String hex(int v) {
    return Integer.toHexString(v);
  }
}
