package org.vfiomc.conformance.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.vfio.FunctionIdentity;

/** What {@link AbstractMigratableFunction} keeps for every function, seen through the fakes. */
final class FunctionBaseTest {
  private static final FunctionIdentity ID = new FunctionIdentity(0x1b36, 0x00fe, "test-fn", 1, 1);

  @Test
  void changesWhileQuiesced_countOnlyChangesMadeWhileQuiesced() {
    ActivityFunction f =
        new ActivityFunction(ID, ActivityFunction.Misbehaviour.CHANGES_WHEN_QUIESCED);
    assertTrue(f.activity()); // running: a change, not counted
    f.setQuiesced(true);
    assertTrue(f.activity()); // the misbehaviour: a change while quiesced
    assertTrue(f.activity());
    f.setQuiesced(false);
    assertTrue(f.activity());
    assertEquals(4, f.changes());
    assertEquals(2, f.changesWhileQuiesced()); // the two made while quiesced
  }

  @Test
  void correctFunction_quiesced_neitherChangesNorCounts() {
    ActivityFunction f = new ActivityFunction(ID, ActivityFunction.Misbehaviour.NONE);
    f.setQuiesced(true);
    assertTrue(f.quiesced());
    assertFalse(f.activity());
    assertEquals(0, f.changes());
    assertEquals(0, f.changesWhileQuiesced());
  }

  @Test
  void fixedSizeState_wrongLength_isRefusedAndStateKept() {
    P2pFunction f = new P2pFunction(ID);
    P2pFunction peer = new P2pFunction(ID);
    assertTrue(peer.issue(0));
    assertTrue(peer.land(0, f)); // f received one write
    assertEquals(Optional.of("expected 8 bytes, got 3"), f.loadState(new byte[3]));
    assertEquals(1, f.received());
    assertEquals(Optional.empty(), f.loadState(new P2pFunction(ID).saveState()));
    assertEquals(0, f.received());
  }

  @Test
  void blockingOutboundP2p_completesInFlightWritesOnce() {
    SyntheticFunction a = new SyntheticFunction(ID, 0);
    SyntheticFunction b = new SyntheticFunction(ID, 0);
    a.setPeer(b);
    a.tick(); // one write in flight to b
    assertEquals(1, a.p2pInFlight());
    a.setOutboundP2pBlocked(true); // blocking completes it
    assertTrue(a.outboundP2pBlocked());
    assertEquals(0, a.p2pInFlight());
    assertEquals(1, b.p2pReceived());
    a.setOutboundP2pBlocked(true); // already blocked: nothing more to complete
    assertEquals(1, b.p2pReceived());
    a.tick(); // blocked: works, but issues no write
    assertEquals(0, a.p2pInFlight());
    assertEquals(1, a.p2pIssued());
  }

  @Test
  void identity_isTheOneGiven() {
    assertEquals(ID, new P2pFunction(ID).identity());
    assertEquals(SyntheticFunction.IDENTITY, new SyntheticFunction(8).identity());
  }
}
