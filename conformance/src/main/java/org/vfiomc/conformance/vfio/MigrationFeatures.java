package org.vfiomc.conformance.vfio;

import com.google.common.collect.ImmutableSet;
import java.util.EnumSet;
import java.util.Optional;

/**
 * The flag sets of {@code VFIO_DEVICE_FEATURE_MIGRATION} the uAPI defines: STOP_COPY (1,
 * mandatory), P2P (2) and PRE_COPY (4). Other combinations are "to be defined in the future" and
 * not represented.
 */
public enum MigrationFeatures {
  STOP_COPY(1),
  STOP_COPY_P2P(3),
  STOP_COPY_PRE_COPY(5),
  ALL(7);

  /** {@code VFIO_MIGRATION_STOP_COPY}. */
  public static final long FLAG_STOP_COPY = 1L;

  /** {@code VFIO_MIGRATION_P2P}. */
  public static final long FLAG_P2P = 1L << 1;

  /** {@code VFIO_MIGRATION_PRE_COPY}. */
  public static final long FLAG_PRE_COPY = 1L << 2;

  private final long flags;

  MigrationFeatures(long flags) {
    this.flags = flags;
  }

  /** The flags word a GET of {@code VFIO_DEVICE_FEATURE_MIGRATION} returns. */
  public long flags() {
    return flags;
  }

  public boolean p2p() {
    return (flags & FLAG_P2P) != 0;
  }

  public boolean preCopy() {
    return (flags & FLAG_PRE_COPY) != 0;
  }

  /** The feature set with these optional features (STOP_COPY is always present). */
  public static MigrationFeatures of(boolean p2p, boolean preCopy) {
    return fromFlags(FLAG_STOP_COPY | (p2p ? FLAG_P2P : 0) | (preCopy ? FLAG_PRE_COPY : 0))
        .orElseThrow();
  }

  /** The feature set with exactly this flags word, or empty if the uAPI defines none. */
  public static Optional<MigrationFeatures> fromFlags(long flags) {
    for (MigrationFeatures f : values()) {
      if (f.flags == flags) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /**
   * The kernel's {@code state_flags_table}: the flags a state needs. ERROR needs all bits ({@code
   * ~0U}), so it is never supported and never a legal SET target.
   */
  static long requiredFlags(MigrationState state) {
    return switch (state) {
      case STOP, RUNNING, STOP_COPY, RESUMING -> FLAG_STOP_COPY;
      case RUNNING_P2P -> FLAG_STOP_COPY | FLAG_P2P;
      case PRE_COPY -> FLAG_STOP_COPY | FLAG_PRE_COPY;
      case PRE_COPY_P2P -> FLAG_STOP_COPY | FLAG_P2P | FLAG_PRE_COPY;
      case ERROR -> 0xFFFF_FFFFL;
    };
  }

  /** The kernel's {@code vfio_mig_get_next_state} "supported" test for this flag set. */
  public boolean supports(MigrationState state) {
    long need = requiredFlags(state);
    return (need & flags) == need;
  }

  /** States a SET may name as its target with this feature set. */
  public ImmutableSet<MigrationState> settableStates() {
    EnumSet<MigrationState> s = EnumSet.noneOf(MigrationState.class);
    for (MigrationState m : MigrationState.values()) {
      if (supports(m)) {
        s.add(m);
      }
    }
    return ImmutableSet.copyOf(s);
  }
}
