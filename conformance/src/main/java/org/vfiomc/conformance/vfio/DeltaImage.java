package org.vfiomc.conformance.vfio;

import static java.util.Objects.requireNonNull;

import com.google.common.hash.Hashing;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * An incremental image ({@link ImageMode#DELTA}): what changed between two whole images of the
 * function's state, as byte runs. It is a diff of the exposable state the whole image already
 * carries ({@code conformance/docs/migrated-state.md}), nothing more: applying it to its base gives
 * the newer whole image, byte for byte.
 *
 * <p>Encoding (all integers big-endian):
 *
 * <pre>
 * offset  size  field
 *   0      8    digest of the base image (the whole image this delta applies to): the first 8
 *               bytes of its SHA-256
 *   8      4    length of the base image
 *  12      4    length of the resulting image
 *  16      4    r = number of runs
 *  20      ...  r runs, each: u32 offset | u32 n | n bytes (the resulting image's bytes there)
 * </pre>
 *
 * Runs are in ascending offset order, do not overlap and lie inside the resulting image; every byte
 * of the result not covered by a run is the base's byte at that offset (so a result longer than the
 * base must cover its tail with runs). Two runs closer than {@link #RUN_HEADER_BYTES} are joined
 * (the gap costs less than a second run header).
 *
 * <p>The base's digest and length let a destination check that it applies the delta to the image
 * the source made it for; the check is a consistency check against lost, reordered or stale images,
 * not an authentication. (Not a CRC32C: a snapshot that ends with its own CRC32C, as the VF's does,
 * has the same CRC32C as every other such snapshot, the CRC's residue.) mlx5 does not expose such a
 * field: its incremental images ({@code mlx5vf_cmd_save_vhca_state} with {@code inc} set, {@code
 * drivers/vfio/pci/mlx5/cmd.c}) are opaque firmware data whose validation on LOAD is not visible to
 * the driver (UNVERIFIED).
 */
public final class DeltaImage {
  /** Fixed part of a delta: base digest, base length, result length, run count. */
  public static final int HEADER_BYTES = 20;

  /** Bytes a run adds besides its data: offset and length. */
  public static final int RUN_HEADER_BYTES = 8;

  private DeltaImage() {}

  /** The delta that turns {@code base} into {@code next}. */
  public static byte[] encode(byte[] base, byte[] next) {
    requireNonNull(base, "base");
    requireNonNull(next, "next");
    // first pass: count and size the runs; second pass: write them
    ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + runBytes(base, next, null));
    out.putLong(digest(base))
        .putInt(base.length)
        .putInt(next.length)
        .putInt(0); // run count, patched below
    int runs = runBytes(base, next, out);
    out.putInt(16, runs);
    return out.array();
  }

  /** The size of {@link #encode}'s result, without building it. */
  public static int encodedSize(byte[] base, byte[] next) {
    return HEADER_BYTES + runBytes(base, next, null);
  }

  /**
   * Finds the runs where {@code next} differs from {@code base} (or extends past it). Without a
   * buffer returns the bytes the runs take; with one, writes them and returns their number.
   */
  private static int runBytes(byte[] base, byte[] next, ByteBuffer out) {
    int bytes = 0;
    int count = 0;
    int i = 0;
    while (i < next.length) {
      if (i < base.length && base[i] == next[i]) {
        i++;
        continue;
      }
      int start = i;
      int end = i + 1; // exclusive end of the run so far
      int j = end;
      while (j < next.length && j - end < RUN_HEADER_BYTES) {
        if (j >= base.length || base[j] != next[j]) {
          end = j + 1;
        }
        j++;
      }
      bytes += RUN_HEADER_BYTES + (end - start);
      count++;
      if (out != null) {
        out.putInt(start).putInt(end - start).put(next, start, end - start);
      }
      i = end;
    }
    return out == null ? bytes : count;
  }

  /** The digest a delta names its base by: the first 8 bytes of the image's SHA-256. */
  public static long digest(byte[] image) {
    return ByteBuffer.wrap(Hashing.sha256().hashBytes(image).asBytes()).getLong();
  }

  /** The digest of the base a delta names (its first 8 bytes); empty if it has no header. */
  public static Optional<Long> baseDigest(byte[] delta) {
    return delta.length < HEADER_BYTES
        ? Optional.empty()
        : Optional.of(ByteBuffer.wrap(delta).getLong(0));
  }

  /** Whether {@code delta} was made for {@code base} (same digest and length). */
  public static boolean appliesTo(byte[] delta, byte[] base) {
    return delta.length >= HEADER_BYTES && appliesTo(delta, digest(base), base.length);
  }

  /**
   * {@link #appliesTo(byte[], byte[])} for a base whose {@link #digest} and length the caller
   * already has (it need not hash the base again).
   */
  public static boolean appliesTo(byte[] delta, long baseDigest, int baseLength) {
    if (delta.length < HEADER_BYTES) {
      return false;
    }
    ByteBuffer b = ByteBuffer.wrap(delta);
    return b.getLong(0) == baseDigest && b.getInt(8) == baseLength;
  }

  /** The result of applying a delta: the new image, or why the delta is malformed. */
  public static final class Applied {
    private final byte[] image;
    private final String malformed;

    private Applied(byte[] image, String malformed) {
      this.image = image;
      this.malformed = malformed;
    }

    /** The resulting whole image; empty if the delta is malformed. */
    public Optional<byte[]> image() {
      return image == null ? Optional.empty() : Optional.of(image.clone());
    }

    /** Why the delta cannot be applied (structure only, not the base check). */
    public Optional<String> malformed() {
      return Optional.ofNullable(malformed);
    }
  }

  /**
   * Applies {@code delta} to {@code base} without checking that it was made for it ({@link
   * #appliesTo} is that check): the runs overwrite a copy of {@code base} resized to the result's
   * length. Applied to another base, the result is that base with the runs written over it: a state
   * the source may never have had.
   */
  public static Applied apply(byte[] base, byte[] delta) {
    requireNonNull(base, "base");
    requireNonNull(delta, "delta");
    try {
      ByteBuffer b = ByteBuffer.wrap(delta);
      b.position(12);
      int length = b.getInt();
      int runs = b.getInt();
      if (length < 0 || length > StreamFormat.MAX_SECTION_PAYLOAD) {
        return new Applied(null, "result length " + Integer.toUnsignedString(length));
      }
      if (runs < 0 || runs > delta.length / RUN_HEADER_BYTES) {
        return new Applied(null, "run count " + Integer.toUnsignedString(runs));
      }
      byte[] out = Arrays.copyOf(base, length);
      int covered = 0; // every byte below this offset is either a run's or the base's
      for (int r = 0; r < runs; r++) {
        int off = b.getInt();
        int n = b.getInt();
        if (off < covered || n <= 0 || n > length - off) {
          return new Applied(
              null,
              "run "
                  + r
                  + " at offset "
                  + Integer.toUnsignedString(off)
                  + " of "
                  + Integer.toUnsignedString(n)
                  + " bytes is out of order or outside the "
                  + length
                  + "-byte image");
        }
        if (off > base.length) {
          return new Applied(
              null, "run " + r + " leaves bytes " + base.length + ".." + off + " unset");
        }
        b.get(out, off, n);
        covered = off + n;
      }
      if (b.hasRemaining()) {
        return new Applied(null, b.remaining() + " bytes after the last run");
      }
      if (length > base.length && covered < length) {
        return new Applied(
            null, "bytes " + Math.max(covered, base.length) + ".." + length + " unset");
      }
      return new Applied(out, null);
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      return new Applied(null, "delta of " + delta.length + " bytes is cut off");
    }
  }
}
