package org.vfiomc.conformance.emulator;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.util.SplittableRandom;

/**
 * Where a guest script's choices come from: the fuzzer's bytes ({@link #of}), or a seeded random
 * source ({@link #random}) in the tests that run the same script twice. The adapter over the
 * fuzzer's bytes consumes them exactly as the fuzz targets did before this interface existed, so
 * committed inputs keep their meaning.
 */
public interface ScriptInput {
  /** One bit. */
  boolean bool();

  /** An int in {@code [lo, hi]}. */
  int between(int lo, int hi);

  /** Any int. */
  int anyInt();

  /** True when no choice is left (the script stops early). */
  boolean exhausted();

  /** The fuzzer's bytes. */
  static ScriptInput of(FuzzedDataProvider data) {
    return new ScriptInput() {
      @Override
      public boolean bool() {
        return data.consumeBoolean();
      }

      @Override
      public int between(int lo, int hi) {
        return data.consumeInt(lo, hi);
      }

      @Override
      public int anyInt() {
        return data.consumeInt();
      }

      @Override
      public boolean exhausted() {
        return data.remainingBytes() == 0;
      }
    };
  }

  /** {@code choices} choices from a random source seeded with {@code seed}. */
  static ScriptInput random(long seed, int choices) {
    SplittableRandom r = new SplittableRandom(seed);
    return new ScriptInput() {
      private int left = choices;

      @Override
      public boolean bool() {
        left--;
        return r.nextBoolean();
      }

      @Override
      public int between(int lo, int hi) {
        left--;
        return lo + r.nextInt(hi - lo + 1);
      }

      @Override
      public int anyInt() {
        left--;
        return r.nextInt();
      }

      @Override
      public boolean exhausted() {
        return left <= 0;
      }
    };
  }
}
