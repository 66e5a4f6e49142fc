package org.vfiomc.conformance.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.emulator.VfConfig;
import org.vfiomc.conformance.emulator.VfDefect;
import org.vfiomc.conformance.orchestrator.OrchestratorOptions;

/**
 * Issue 10, item 5 across a live migration on realistic traffic (1,000 frames, one every 20 us, a
 * 512-entry ring): a tenth of the frames broken on the wire, the PFs storing bad packets. Over 20
 * seeds the correct default strategy completes with every frame in exactly one class, broken frames
 * freed by the driver on either host and no bug class touched; the device that swallows broken
 * frames without writing them back is caught (frames lost after acceptance) on every seed.
 */
final class BadFramesMigrationTest {
  static final int SEEDS = 20;
  static final BadFrames TENTH_SBP = new BadFrames(0.1, true);

  static VfVm.Config config() {
    return VfVm.Config.of(1_000, RxStrategy.defaults()).withBadFrames(TENTH_SBP);
  }

  @Test
  void brokenFrames_areDriverDrops_neverBugs_over20Seeds() {
    for (long seed = 1; seed <= SEEDS; seed++) {
      VfRunReport r = new VfVm(config(), seed).run(OrchestratorOptions.defaults());
      VfRunReport.Ledger l = r.ledger();
      assertTrue(r.clean(), "seed " + seed + ": " + l + " " + r.violations());
      // 100 broken frames expected, less those that reach a stopped port (lostOnWire)
      assertTrue(l.droppedByDriver() > 50 && l.droppedByDriver() < 150, "seed " + seed + ": " + l);
      assertEquals(
          l.sent(),
          l.delivered() + l.droppedByDevice() + l.lostOnWire() + l.droppedByDriver(),
          "seed " + seed + ": every frame in exactly one class");
    }
  }

  @Test
  void swallowingBrokenFrames_isCaught_onEverySeed() {
    for (long seed = 1; seed <= SEEDS; seed++) {
      VfRunReport r =
          new VfVm(
                  config(),
                  seed,
                  VfConfig.defaults().withDefect(VfDefect.BAD_FRAME_DROPPED_SILENTLY))
              .run(OrchestratorOptions.defaults());
      assertEquals(0, r.ledger().droppedByDriver(), "seed " + seed);
      assertTrue(r.ledger().lostAfterAcceptance() > 50, "seed " + seed + ": " + r.ledger());
      assertTrue(!r.clean(), "seed " + seed);
    }
  }
}
