package org.vfiomc.conformance.replay.rxdma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.conformance.emulator.VfConfig;
import org.vfiomc.conformance.ledger.PacketLedger;
import org.vfiomc.conformance.replay.Discrepancy;
import org.vfiomc.conformance.replay.ReplayMode;
import org.vfiomc.conformance.replay.ReplayOutcome;
import org.vfiomc.conformance.replay.ReplayReport;
import org.vfiomc.conformance.replay.Replayer;
import org.vfiomc.conformance.replay.SystemUnderTest;
import org.vfiomc.conformance.replay.TraceFile;

/**
 * The hosts an RxDma binding reuses across replays ({@link RxHostPool}) carry nothing from one
 * replay into the next: every committed RxDma trace replays on reused hosts exactly as on freshly
 * built ones, after whichever trace ran before it; every pair given back starts as fresh; the
 * freshness check sees a host left dirty; a broken VF still fails on reused hosts.
 */
class RxHostReuseTest {
  private static final List<TraceFile> CORPUS = new ArrayList<>();

  @BeforeAll
  static void readCorpus() throws Exception {
    CORPUS.addAll(ReplayOutcome.committed("RxDma"));
    assertFalse(CORPUS.isEmpty(), "no committed RxDma trace");
  }

  @Test
  void everyTrace_onReusedHosts_replaysAsOnFreshHosts_afterAnyPredecessor() throws Exception {
    RxDmaBinding shared = new RxDmaBinding();
    Replayer reusing = new Replayer(List.of(shared));
    List<List<ReplayOutcome>> fresh = new ArrayList<>();
    for (TraceFile f : CORPUS) {
      fresh.add(ReplayOutcome.of(new Replayer(List.of(new RxDmaBinding())).plan(f).run()));
    }
    // forward, then backward: every trace runs on hosts another trace used last
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < CORPUS.size(); i++) {
      order.add(i);
    }
    List<Integer> backward = new ArrayList<>(order);
    Collections.reverse(backward);
    order.addAll(backward);
    int replays = 0;
    for (int i : order) {
      List<ReplayOutcome> reused = ReplayOutcome.of(reusing.plan(CORPUS.get(i)).run());
      assertEquals(fresh.get(i), reused, CORPUS.get(i).source());
      replays += reused.size();
    }
    // one pair per ring size at a time: the pool built only a few pairs for all those replays
    int sizes =
        new TreeSet<>(CORPUS.stream().map(f -> f.constants().get("N").toTla()).toList()).size();
    assertTrue(
        shared.pool().built() <= 2 * sizes,
        shared.pool().built() + " pairs built for " + replays + " replays of " + sizes + " sizes");
  }

  @Test
  void everyPairGivenBack_startsAsAFreshlyBuiltOne() throws Exception {
    RxDmaBinding b = new RxDmaBinding();
    Replayer r = new Replayer(List.of(b));
    for (TraceFile f : CORPUS) {
      r.plan(f).run();
      int n = ((TlaValue.Int) f.constants().get("N")).value().intValue();
      RxLayout layout = new RxLayout(n);
      RxHostPool.Pair p = b.pool().lease(layout, VfConfig.defaults(), new PacketLedger());
      assertEquals(Optional.empty(), p.src().freshnessDefect(), f.source());
      assertEquals(Optional.empty(), p.dst().freshnessDefect(), f.source());
      b.pool().release(layout, VfConfig.defaults(), p);
    }
  }

  @Test
  void freshnessCheck_seesWhatAReplayLeavesBehind_untilTheHostIsStarted() {
    RxLayout layout = new RxLayout(8);
    RxHost h = new RxHost("source", layout, VfConfig.defaults());
    h.start(new PacketLedger());
    assertEquals(Optional.empty(), h.freshnessDefect());
    h.mem.writeLong(RxLayout.BUF0, 1);
    h.mem.cpuDirtyLog().start();
    h.dma.setAllowed(false);
    h.arm(0, 0);
    h.ghostWb[0] = true;
    h.rep[1] = 0;
    h.mmio(org.vfiomc.conformance.emulator.regs.VfRegs.rdlen(0), 8 * 16);
    String defect = h.freshnessDefect().orElseThrow();
    for (String part :
        List.of(
            "registers unlike power-on",
            "guest RAM not zero",
            "a dirty log running",
            "DMA refused",
            "ghost of descriptor 0 set",
            "replica of slot 1 is 0")) {
      assertTrue(defect.contains(part), part + " missing from: " + defect);
    }
    h.start(new PacketLedger());
    assertEquals(Optional.empty(), h.freshnessDefect());
  }

  @Test
  void brokenVf_onReusedHosts_failsTheSameWayEveryTime() throws Exception {
    TraceFile walk =
        CORPUS.stream()
            .filter(f -> f.source().contains("tours/RxDmaIommuShift-001"))
            .findFirst()
            .orElseThrow();
    Replayer broken =
        new Replayer(List.of(new RxDmaBinding(VfConfig.defaults().withDescriptorBeforeData())));
    Replayer correct = new Replayer(List.of(new RxDmaBinding()));
    ReplayReport first = broken.replay(walk, ReplayMode.AS_CONFIGURED);
    assertFalse(first.asExpected(), first.summary());
    assertTrue(first.discrepancy().orElseThrow() instanceof Discrepancy.StateMismatch);
    for (int i = 0; i < 3; i++) {
      ReplayReport again = broken.replay(walk, ReplayMode.AS_CONFIGURED);
      assertEquals(ReplayOutcome.of(first), ReplayOutcome.of(again));
      assertTrue(correct.replay(walk, ReplayMode.AS_CONFIGURED).asExpected());
    }
  }

  @Test
  void aClosedSystem_refusesToBeUsed_andItsHostsServeTheNextReplay() throws Exception {
    TraceFile f = CORPUS.get(0);
    RxDmaBinding b = new RxDmaBinding();
    Map<String, TlaValue> init = f.trace().steps().get(0).state();
    SystemUnderTest<RxDmaAction> sut = b.configure(f.source(), f.constants(), init);
    sut.close();
    assertThrows(
        IllegalStateException.class,
        () -> sut.apply(new RxDmaAction.Simple(RxDmaAction.Kind.SYNCDIRTY)));
    assertThrows(IllegalStateException.class, () -> sut.project(new TlaValue[29]));
    b.configure(f.source(), f.constants(), init).close();
    assertEquals(1, b.pool().built());
  }
}
