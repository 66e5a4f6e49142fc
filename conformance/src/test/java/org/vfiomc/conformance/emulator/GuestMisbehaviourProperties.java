package org.vfiomc.conformance.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vfiomc.conformance.emulator.regs.Reg;
import org.vfiomc.conformance.emulator.regs.RegisterMap;
import org.vfiomc.conformance.emulator.state.VfSnapshotCodec;

/**
 * A hostile guest: random MMIO writes (mostly to real registers, with random values, so rings point
 * anywhere, lengths and tails are garbage, the mailbox is hammered), random reads, frames and
 * device steps. The device must never throw, and its state must always encode and decode.
 */
final class GuestMisbehaviourProperties {
  private static final int SEEDS = Integer.getInteger("seeds", 25);

  static LongStream seeds() {
    return LongStream.rangeClosed(1, SEEDS);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void randomMmioAndTraffic_neverThrow_andStateAlwaysRoundTrips(long seed) throws Exception {
    SplittableRandom r = new SplittableRandom(seed);
    VfFixture f = new VfFixture().resetHandshake().rxRing(VfFixture.COUNT - 1);
    Reg[] regs = RegisterMap.VF_82599.all().toArray(new Reg[0]);
    for (int i = 0; i < 3000; i++) {
      int x = r.nextInt(100);
      if (x < 40) {
        int off = r.nextInt(10) == 0 ? r.nextInt(0x5000) : regs[r.nextInt(regs.length)].offset();
        int v = r.nextBoolean() ? r.nextInt() : r.nextInt(64);
        f.vf.mmioWrite(off, v);
      } else if (x < 55) {
        f.vf.mmioRead(r.nextInt(0x4100));
      } else if (x < 70) {
        f.vf.deliver(f.frame(i, 60 + r.nextInt(3000)));
      } else if (x < 72) {
        f.vf.setQuiesced(r.nextBoolean());
      } else {
        f.vf.step();
      }
    }
    byte[] s = f.vf.saveState();
    assertEquals(f.vf.snapshot(), VfSnapshotCodec.decode(s));
    // whatever the guest did, every frame is accounted for: placed, dropped, or still waiting
    long drops = f.drops.size();
    assertTrue(f.vf.rx().totalDrops() == drops, "drop counter matches the reports");
  }
}
