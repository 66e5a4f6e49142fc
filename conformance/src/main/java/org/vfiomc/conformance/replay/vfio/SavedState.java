package org.vfiomc.conformance.replay.vfio;

import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import org.vfiomc.conformance.vfio.DeltaImage;

/**
 * The bytes of a saved VF state with their 64-bit fingerprint (computed once): the key under which
 * a {@code VfioMigration} replay numbers the source's states, and the state digest {@link
 * VfFunction} gives its migration device. Equal keys are equal bytes (equality compares the bytes
 * after the fingerprints); equal fingerprints of unequal states are a 2<sup>-64</sup> chance for
 * states no adversary chose, and cost only that the device sees no change where there was one. The
 * bytes are owned: never handed out or changed.
 */
final class SavedState {
  private final byte[] bytes;
  private final long fingerprint;
  // DeltaImage.digest of the bytes, taken when first asked (null: not yet)
  private volatile Long deltaDigest;

  private SavedState(byte[] bytes) {
    this.bytes = bytes;
    this.fingerprint = fingerprint(bytes);
  }

  /** A key owning {@code bytes}: the caller hands them over and keeps no reference. */
  static SavedState owning(byte[] bytes) {
    return new SavedState(bytes);
  }

  /**
   * The fingerprint of {@code bytes}: their CRC-32 (IEEE 802.3) in the high half, their CRC-32C
   * (Castagnoli) in the low half, two checksums of different generator polynomials that the JVM
   * computes with intrinsics (a 16 KiB image in about a microsecond each, where SHA-256 took tens).
   * A change must leave both unchanged to go unseen.
   */
  static long fingerprint(byte[] bytes) {
    CRC32 ieee = new CRC32();
    ieee.update(bytes);
    CRC32C castagnoli = new CRC32C();
    castagnoli.update(bytes);
    return ieee.getValue() << 32 | castagnoli.getValue();
  }

  /** A copy of the bytes. */
  byte[] bytes() {
    return bytes.clone();
  }

  /** Whether these are the bytes {@code b[from, to)}. */
  boolean hasBytes(byte[] b, int from, int to) {
    return Arrays.equals(bytes, 0, bytes.length, b, from, to);
  }

  /** The number of bytes. */
  int length() {
    return bytes.length;
  }

  long fingerprint() {
    return fingerprint;
  }

  /** The digest an increment names these bytes by ({@link DeltaImage#digest}), taken once. */
  long deltaDigest() {
    Long d = deltaDigest;
    if (d == null) {
      d = DeltaImage.digest(bytes);
      deltaDigest = d;
    }
    return d;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SavedState s
        && s.fingerprint == fingerprint
        && Arrays.equals(s.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(fingerprint);
  }
}
