package org.vfiomc.checker.trace;

import java.math.BigInteger;

/**
 * Shared instances of the small integers {@link TlaValue.Int#of} returns (trace values are mostly
 * small counters and indices; sharing them saves allocation and lets equal values compare by
 * identity first). Immutable: the array is filled once, at class initialisation.
 */
final class SmallInts {
  static final long MIN = -16;
  static final long MAX = 255;
  static final TlaValue.Int[] VALUES = new TlaValue.Int[(int) (MAX - MIN + 1)];

  static {
    for (int i = 0; i < VALUES.length; i++) {
      VALUES[i] = new TlaValue.Int(BigInteger.valueOf(i + MIN));
    }
  }

  private SmallInts() {}
}
