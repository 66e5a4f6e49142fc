package org.vfiomc.conformance.replay.vfio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.conformance.emulator.Vf82599;
import org.vfiomc.conformance.emulator.state.VfSnapshot;
import org.vfiomc.conformance.replay.ReplayOutcome;
import org.vfiomc.conformance.replay.Replayer;
import org.vfiomc.conformance.replay.SystemUnderTest;
import org.vfiomc.conformance.replay.TraceFile;

/**
 * A VF leased from a {@link VfPool} after an earlier replay used it is indistinguishable from a
 * newly built one: under the same random script of every call a {@code VfioMigration} replay makes
 * of its function (the guest's write, saves and loads of earlier, foreign and broken images,
 * function resets, the quiesce and P2P gates), both answer alike at every call (the write's and the
 * load's results, the saved bytes, the state digest), show the same register file and the same
 * value at every register offset read through MMIO afterwards, and start from the power-on state
 * the pool hands every function ({@link VfPool#powerOnState}). Two broken pools, one whose power-on
 * forgets to open the quiesce gate and one that forgets the function-level reset, are told apart.
 */
final class VfPoolTest {
  private static final int SCRIPTS = 40;
  private static final int CALLS = 40;

  /** An image of a state no script reaches by itself: the guest's writes of another VF. */
  private static final byte[] FOREIGN = foreignImage();

  private static byte[] foreignImage() {
    VfFunction f = new VfFunction(false);
    for (int i = 0; i < 5; i++) {
      f.guestWrite();
    }
    return f.saveState();
  }

  @Test
  void aLeasedVf_behavesAsANewOne() {
    VfPool pool = new VfPool();
    VfPool.Slot used = pool.lease();
    int quiescedWhenReleased = 0;
    for (int i = 0; i < SCRIPTS; i++) {
      // the previous replay: another script leaves the VF changed (and maybe quiesced)
      run(function(pool, used, i % 3 == 0), 7L * i + 3);
      if (used.vf.isQuiesced()) {
        quiescedWhenReleased++;
      }
      pool.release(used);
      VfPool.Slot leased = pool.lease();
      assertSame(used, leased, "the pool hands back the VF it was given");
      VfFunction reused = function(pool, leased, false);
      VfFunction fresh = new VfFunction(false);
      assertArrayEquals(
          fresh.uncachedState(), reused.uncachedState(), "power-on state, script " + i);
      assertArrayEquals(reused.uncachedState(), reused.saveState(), "the pool's power-on state");
      assertEquals(run(fresh, i), run(reused, i), "script " + i);
      used = leased;
    }
    assertEquals(1, pool.built(), "one VF built, every other lease reused it");
    // the comparison means something only if earlier scripts left work for the power-on
    assertTrue(quiescedWhenReleased > SCRIPTS / 4, "released quiesced: " + quiescedWhenReleased);
  }

  @Test
  void aPowerOnThatLeavesTheVfQuiesced_isToldApart() {
    assertNotEquals(
        0,
        scriptsThatDiffer(
            s -> {
              s.vf.reset();
              s.mem.zeroAll();
              s.dma.reset();
            }));
  }

  @Test
  void aPowerOnWithoutTheFunctionReset_isToldApart() {
    assertNotEquals(
        0,
        scriptsThatDiffer(
            s -> {
              s.vf.setQuiesced(false);
              s.mem.zeroAll();
              s.dma.reset();
            }));
  }

  @Test
  void theRightPowerOn_givesNoDifference() {
    assertEquals(0, scriptsThatDiffer(VfPool::powerOn));
  }

  /**
   * Every committed VfioMigration trace replays on reused VFs exactly as on VFs built for it, after
   * whichever trace ran before it (the corpus forward, then backward), and the pool built no more
   * VFs than it keeps.
   */
  @Test
  void everyTrace_onReusedVfs_replaysAsOnNewOnes_afterAnyPredecessor() throws Exception {
    List<TraceFile> corpus = ReplayOutcome.committed("VfioMigration");
    assertTrue(corpus.size() > 100, corpus.size() + " committed VfioMigration traces");
    Replayer building = new Replayer(List.of(new VfioMigrationBinding(new VfPool(0, p -> {}))));
    VfioMigrationBinding shared = new VfioMigrationBinding();
    Replayer reusing = new Replayer(List.of(shared));
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < corpus.size(); i++) {
      order.add(i);
    }
    for (int i = corpus.size() - 1; i >= 0; i--) {
      order.add(i);
    }
    int replays = 0;
    for (int i : order) {
      List<ReplayOutcome> reused = ReplayOutcome.of(reusing.plan(corpus.get(i)).run());
      assertEquals(
          ReplayOutcome.of(building.plan(corpus.get(i)).run()), reused, corpus.get(i).source());
      replays += reused.size();
    }
    assertTrue(
        shared.pool().built() <= VfPool.KEEP,
        shared.pool().built() + " VFs built for " + replays + " replays");
  }

  @Test
  void aClosedSystem_refusesToBeUsed_andItsVfsServeTheNextReplay() throws Exception {
    TraceFile f = ReplayOutcome.committed("VfioMigration").get(0);
    VfioMigrationBinding b = new VfioMigrationBinding();
    Map<String, TlaValue> init = f.trace().steps().get(0).state();
    SystemUnderTest<MigrationAction> sut = b.configure(f.source(), f.constants(), init);
    sut.close();
    assertThrows(IllegalStateException.class, () -> sut.apply(MigrationAction.GuestWork));
    assertThrows(IllegalStateException.class, () -> sut.project(new TlaValue[24]));
    b.configure(f.source(), f.constants(), init).close();
    assertEquals(2, b.pool().built());
  }

  /** Scripts whose transcript on a VF from a pool powering on with {@code p} is not a new VF's. */
  private static int scriptsThatDiffer(VfPool.PowerOn p) {
    VfPool pool = new VfPool(VfPool.KEEP, p);
    int differ = 0;
    for (int i = 0; i < SCRIPTS; i++) {
      VfPool.Slot s = pool.lease();
      run(function(pool, s, false), 11L * i + 5);
      pool.release(s);
      VfPool.Slot leased = pool.lease();
      String reused = run(function(pool, leased, false), i);
      if (!run(new VfFunction(false), i).equals(reused)) {
        differ++;
      }
      pool.release(leased);
    }
    return differ;
  }

  private static VfFunction function(VfPool pool, VfPool.Slot s, boolean ignoresQuiesce) {
    return new VfFunction(s.vf, ignoresQuiesce, pool.powerOnState());
  }

  /**
   * Runs script {@code seed} on {@code f}: its transcript, one line per call (what the call
   * answered, then the state the VF saves now and the function's digest of it), then every register
   * as the VF holds it and as an MMIO read returns it.
   */
  private static String run(VfFunction f, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<byte[]> saved = new ArrayList<>();
    StringBuilder out = new StringBuilder();
    for (int c = 0; c < CALLS; c++) {
      String answer =
          switch (r.nextInt(9)) {
            case 0, 1, 2 -> "write " + f.guestWrite();
            case 3 -> {
              saved.add(f.saveState());
              yield "save";
            }
            case 4 -> {
              int k = r.nextInt(saved.size() + 2);
              byte[] image =
                  k < saved.size() ? saved.get(k) : k == saved.size() ? FOREIGN : new byte[] {1};
              yield "load " + f.loadState(image);
            }
            case 5, 6 -> {
              boolean on = r.nextBoolean();
              f.setQuiesced(on);
              yield "quiesce " + on;
            }
            case 7 -> {
              boolean on = r.nextBoolean();
              f.setOutboundP2pBlocked(on);
              yield "p2p " + on;
            }
            default -> {
              f.reset();
              yield "reset";
            }
          };
      byte[] now = f.uncachedState();
      out.append(answer)
          .append(' ')
          .append(Arrays.hashCode(now))
          .append(' ')
          .append(f.stateDigest())
          .append('\n');
    }
    Vf82599 vf = f.vf();
    out.append(Arrays.toString(vf.registers().copyValues())).append('\n');
    for (int off = 0; off < 4 * VfSnapshot.REGISTER_WORDS; off += 4) {
      out.append(vf.mmioRead(off)).append(' ');
    }
    return out.toString();
  }
}
