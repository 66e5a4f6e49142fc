package org.vfiomc.conformance.replay.vfio;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vfiomc.conformance.testing.StatefulProperty.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.testing.StatefulProperty;

/**
 * {@link VfFunction} encodes its VF's state, and takes its digest, again only when its {@link
 * VfFunction#epoch()} moved, and the {@code VfioMigration} replay numbers the state only then. That
 * is sound only if equal epochs mean equal states: on random sequences of every call a migration
 * makes of the function (the guest's write, saves, loads of earlier and of broken images, function
 * resets, the quiesce and P2P gates), the state saved at an epoch the function still has is the
 * state the VF itself saves now, and the function's state, digest and size are the VF's own. The
 * mutant in which the guest's write leaves the epoch alone is caught.
 */
final class VfFunctionEpochTest {
  /** The function, the states saved so far, and the last save with its epoch. */
  static final class Sys {
    final VfFunction f = new VfFunction(false);
    final ToLongFunction<Sys> epoch;
    final List<byte[]> saved = new ArrayList<>();
    long writes;
    long lastEpoch = -1;
    byte[] last;
    boolean comparedUnchanged;
    boolean changedAtSameEpoch;

    Sys(ToLongFunction<Sys> epoch) {
      this.epoch = epoch;
    }

    long epoch() {
      return epoch.applyAsLong(this);
    }
  }

  sealed interface Act {
    void apply(Sys s);

    record GuestWrite() implements Act {
      @Override
      public void apply(Sys s) {
        s.writes++;
        s.f.guestWrite();
      }
    }

    record Save() implements Act {
      @Override
      public void apply(Sys s) {
        s.saved.add(s.f.saveState());
      }
    }

    /** Loads an earlier saved state ({@code index} modulo their number), or a broken image. */
    record Load(int index, boolean broken) implements Act {
      @Override
      public void apply(Sys s) {
        if (broken || s.saved.isEmpty()) {
          s.f.loadState(new byte[] {1, 2, 3});
        } else {
          s.f.loadState(s.saved.get(index % s.saved.size()));
        }
      }
    }

    record Quiesce(boolean on) implements Act {
      @Override
      public void apply(Sys s) {
        s.f.setQuiesced(on);
      }
    }

    record BlockP2p(boolean on) implements Act {
      @Override
      public void apply(Sys s) {
        s.f.setOutboundP2pBlocked(on);
      }
    }

    record Reset() implements Act {
      @Override
      public void apply(Sys s) {
        s.f.reset();
      }
    }
  }

  private static Act draw(SplittableRandom r, Sys s) {
    return switch (r.nextInt(9)) {
      case 0, 1, 2 -> new Act.GuestWrite();
      case 3, 4 -> new Act.Save();
      case 5 -> new Act.Load(r.nextInt(16), r.nextInt(4) == 0);
      case 6 -> new Act.Quiesce(r.nextBoolean());
      case 7 -> new Act.BlockP2p(r.nextBoolean());
      default -> new Act.Reset();
    };
  }

  private static StatefulProperty.Builder<Sys, Act> property(
      String name, ToLongFunction<Sys> epoch) {
    return StatefulProperty.<Sys, Act>named(name, Act.class)
        .system(seed -> new Sys(epoch))
        .actions(VfFunctionEpochTest::draw)
        .step(
            (s, a) -> {
              a.apply(s);
              byte[] now = s.f.uncachedState();
              check(Arrays.equals(now, s.f.saveState()), "the cached state is the VF's own");
              check(s.f.stateDigest() == s.f.uncachedDigest(), "the cached digest is the VF's own");
              check(s.f.stateSizeEstimate() == now.length, "the cached size is the VF's own");
              if (s.epoch() == s.lastEpoch) {
                s.comparedUnchanged = true;
                check(
                    Arrays.equals(now, s.last),
                    "the state saved at epoch " + s.lastEpoch + " is still the state after " + a);
              }
              s.lastEpoch = s.epoch();
              s.last = now;
            })
        .cover("a state compared at an unchanged epoch", s -> s.comparedUnchanged)
        .runs(60)
        .steps(30)
        .log(line -> {});
  }

  @Test
  void equalEpochsMeanEqualSavedStates() {
    StatefulProperty.Report r = property("VfFunction epoch", s -> s.f.epoch()).check();
    // every run draws 30 actions (none has a precondition)
    assertTrue(r.steps() == 60 * 30, r.toString());
  }

  @Test
  void aGuestWriteThatLeavesTheEpochAloneIsCaught() {
    // the mutant: the epoch as it would be if guestWrite did not bump it
    assertThrows(
        AssertionError.class,
        () -> property("VfFunction epoch, mutant", s -> s.f.epoch() - s.writes).check());
  }
}
