package org.vfiomc.conformance.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.orchestrator.OrchestratorOptions;
import org.vfiomc.conformance.scenario.EthernetSwitch.Port;

final class EthernetSwitchTest {
  @Test
  void forwardsToTheLearnedPort_untilTheAnnounceAndTheRelearnTimeHavePassed() {
    EthernetSwitch sw = new EthernetSwitch(Port.SOURCE, new EthernetSwitch.Timing(3_000, 2_000));
    assertEquals(Port.SOURCE, sw.egress(0));
    sw.announce(Port.DESTINATION, 10_000);
    assertEquals(15_000, sw.relearnAtNanos()); // announce after 3 us, learned 2 us later
    assertEquals(Port.SOURCE, sw.egress(14_999));
    assertEquals(Port.DESTINATION, sw.egress(15_000));
    assertEquals(-1, sw.relearnAtNanos());
    sw.announce(Port.DESTINATION, 20_000); // QEMU's later rounds change nothing
    assertEquals(Port.DESTINATION, sw.egress(20_000));
    assertEquals(2, sw.announces());
  }

  @Test
  void aRepeatedAnnounce_doesNotPostponeTheMove() {
    EthernetSwitch sw = new EthernetSwitch(Port.SOURCE, new EthernetSwitch.Timing(0, 1_000));
    sw.announce(Port.DESTINATION, 0);
    sw.announce(Port.DESTINATION, 900);
    assertEquals(Port.DESTINATION, sw.egress(1_000));
  }

  @Test
  void negativeTimes_areRefused() {
    assertThrows(IllegalArgumentException.class, () -> new EthernetSwitch.Timing(-1, 0));
    assertThrows(IllegalArgumentException.class, () -> new EthernetSwitch.Timing(0, -1));
  }

  /**
   * A slower relearn loses more frames on the wire, and only there: each extra 100 us of relearn at
   * a frame every 20 us sends about five more frames to the stopped source.
   */
  @Test
  void aSlowerRelearn_losesMoreOnTheWire_andNothingElse() {
    VfVm.Config fast = VfVm.Config.of(1_000, RxStrategy.defaults());
    VfVm.Config slow = fast.withNetwork(new EthernetSwitch.Timing(0, 201_000));
    VfRunReport a = new VfVm(fast, 3).run(OrchestratorOptions.defaults());
    VfRunReport b = new VfVm(slow, 3).run(OrchestratorOptions.defaults());
    assertEquals(0, a.ledger().bugs(), a.violations().toString());
    assertEquals(0, b.ledger().bugs(), b.violations().toString());
    long extra = b.ledger().lostOnWire() - a.ledger().lostOnWire();
    assertTrue(extra >= 9 && extra <= 11, extra + ": " + a.ledger() + " vs " + b.ledger());
    assertEquals(1, a.announces());
  }
}
