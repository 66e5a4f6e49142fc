package org.vfiomc.conformance.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.emulator.packet.DropReason;
import org.vfiomc.conformance.emulator.packet.Frame;
import org.vfiomc.conformance.emulator.packet.PacketId;
import org.vfiomc.conformance.emulator.packet.TestFrames;

/**
 * The ledger's bookkeeping at its edges (issue 13, item 5: PIT survivors of {@code PacketLedger}):
 * ids in different bits, words and pages of its id sets, the counters, drops in every wrong order,
 * the driver's drops, the places it keeps for the last {@value PacketLedger#RECENT} packets, and
 * the order of its final report.
 */
final class PacketLedgerEdgeTest {
  private final PacketLedger ledger = new PacketLedger();

  private Frame send(long id) {
    Frame f = TestFrames.build(new PacketId(id), 0x020000000001L, 0x02AABBCCDDEEL, 60, 3);
    ledger.sent(new PacketId(id), f);
    return f;
  }

  private void deliver(Frame f, String where) {
    ledger.delivered(f.toByteArray(), f.length(), where);
  }

  @Test
  void idsInDifferentBitsWordsAndPages_areTrackedApart() {
    // the id sets keep a bit per id in words of 64 ids and pages of 65536: ids that share a bit
    // position, a word or a page with an earlier one must not be taken for it (a send of an id
    // the ledger thinks resolved is refused as "sent twice")
    long[] ids = {0, 1, 63, 64, 65, 1023 * 64, 65535, 65536, 65537, 5 * 65536 + 7, 1L << 40};
    for (long id : ids) {
      deliver(send(id), "slot " + id);
    }
    assertEquals(List.of(), ledger.violations());
    for (long id : ids) {
      deliver(TestFrames.build(new PacketId(id), 0x020000000001L, 0x02AABBCCDDEEL, 60, 3), "again");
    }
    List<Violation> v = ledger.violations();
    assertEquals(ids.length, v.size());
    for (int i = 0; i < ids.length; i++) {
      assertEquals(
          new Violation(
              Violation.Kind.DUPLICATED, ids[i], "again", "already delivered at slot " + ids[i]),
          v.get(i));
    }
    // dropped ids likewise: 2 and 66 share bit 2 of their words, 2 + 65536 its word's position
    for (long id : new long[] {2, 66, 65538}) {
      ledger.dropped(send(id), DropReason.FIFO_FULL, "device");
    }
    assertEquals(3, ledger.dropped(DropReason.FIFO_FULL));
    assertEquals(ids.length, ledger.violations().size(), "no violation from the drops");
  }

  @Test
  void counters_countFirstDeliveriesDropsAndTheDriversDrops() {
    Frame a = send(0);
    Frame b = send(1);
    Frame c = send(2);
    send(3);
    assertEquals(4, ledger.sent());
    assertEquals(4, ledger.inFlight());
    deliver(a, "slot 0");
    deliver(a, "slot 1"); // a duplicate is no second delivery
    ledger.dropped(b, DropReason.NO_DESCRIPTORS, "device");
    ledger.droppedByDriver(c.toByteArray(), c.length(), "slot 2");
    assertEquals(1, ledger.delivered());
    assertEquals(1, ledger.dropped());
    assertEquals(1, ledger.dropped(DropReason.NO_DESCRIPTORS));
    assertEquals(0, ledger.dropped(DropReason.FIFO_FULL));
    assertEquals(1, ledger.droppedByDriver());
    assertEquals(1, ledger.inFlight()); // 4 - 1 - 1 - 1
    assertEquals(
        "PacketLedger[sent=4, delivered=1, dropped=1, droppedByDriver=1, inFlight=1,"
            + " violations=1]",
        ledger.toString());
    // a driver's drop is its own class: the device's counter for a reason does not include it
    ledger.checkDropCounter(DropReason.NO_DESCRIPTORS, 1);
    assertEquals(1, ledger.violations().size());
    ledger.checkDropCounter(DropReason.NO_DESCRIPTORS, 2);
    assertEquals(
        new Violation(
            Violation.Kind.DROP_MISCOUNT,
            -1,
            "device counters",
            "NO_DESCRIPTORS: device counted 2, ledger saw 1"),
        ledger.violations().get(1));
  }

  @Test
  void dropsInTheWrongOrder_areViolations_andNotCounted() {
    Frame a = send(0);
    Frame b = send(1);
    deliver(a, "slot 0");
    ledger.dropped(a, DropReason.FIFO_FULL, "device");
    ledger.dropped(b, DropReason.FIFO_FULL, "device");
    ledger.dropped(b, DropReason.FIFO_FULL, "device again");
    ledger.droppedByDriver(a.toByteArray(), a.length(), "slot 4");
    Frame never = TestFrames.build(new PacketId(7), 0x020000000001L, 0x02AABBCCDDEEL, 60, 3);
    ledger.dropped(never, DropReason.FIFO_FULL, "device");
    ledger.droppedByDriver(never.toByteArray(), never.length(), "slot 5");
    assertEquals(
        List.of(
            new Violation(
                Violation.Kind.DROP_AFTER_DELIVERY,
                0,
                "device",
                "dropped (FIFO_FULL) after being DELIVERED at slot 0"),
            new Violation(
                Violation.Kind.DROP_AFTER_DELIVERY,
                1,
                "device again",
                "dropped (FIFO_FULL) after being DROPPED at device (FIFO_FULL)"),
            new Violation(
                Violation.Kind.DROP_AFTER_DELIVERY,
                0,
                "slot 4",
                "dropped by the driver after being DELIVERED at slot 0"),
            new Violation(
                Violation.Kind.UNKNOWN, 7, "device", "dropped (FIFO_FULL): a frame never sent"),
            new Violation(
                Violation.Kind.UNKNOWN, 7, "slot 5", "dropped by the driver: a frame never sent")),
        ledger.violations());
    assertEquals(1, ledger.dropped(DropReason.FIFO_FULL), "only b's first drop counts");
    assertEquals(1, ledger.dropped());
    assertEquals(0, ledger.droppedByDriver());
    // a frame without a test id: UNKNOWN with id -1
    ledger.dropped(Frame.of(new byte[60]), DropReason.FIFO_FULL, "device");
    assertEquals(-1, ledger.violations().get(5).packetId());
  }

  @Test
  void aDeliveryAfterTheDriversDrop_isADuplicate() {
    Frame a = send(0);
    ledger.droppedByDriver(a.toByteArray(), a.length(), "slot 2");
    deliver(a, "slot 3");
    assertEquals(
        new Violation(
            Violation.Kind.DUPLICATED,
            0,
            "slot 3",
            "delivered after the device counted it dropped at slot 2 (driver: error bits)"),
        ledger.violations().get(0));
    assertEquals(0, ledger.inFlight());
  }

  @Test
  void placesAreKeptForTheLast4096ResolvedPackets() {
    // 4097 resolved: packet 0's place is forgotten, packet 1's (the oldest of the last 4096) kept
    int n = PacketLedger.RECENT + 1;
    for (long id = 0; id < n; id++) {
      deliver(send(id), "slot " + id);
    }
    Frame first = TestFrames.build(new PacketId(0), 0x020000000001L, 0x02AABBCCDDEEL, 60, 3);
    Frame second = TestFrames.build(new PacketId(1), 0x020000000001L, 0x02AABBCCDDEEL, 60, 3);
    deliver(first, "again");
    deliver(second, "again");
    assertEquals(
        "already delivered at an earlier point (not kept)", ledger.violations().get(0).detail());
    assertEquals("already delivered at slot 1", ledger.violations().get(1).detail());
  }

  @Test
  void corruption_namesTheFirstDifference_alsoForAShorterDelivery() {
    // 99 of 100 bytes, all equal: the first difference is the missing byte 99
    Frame a = TestFrames.build(new PacketId(0), 0x020000000001L, 0x02AABBCCDDEEL, 100, 3);
    ledger.sent(new PacketId(0), a);
    ledger.delivered(a.toByteArray(), 99, "slot 0");
    assertEquals(
        "first difference at byte 99 (sent 100 bytes, delivered 99)",
        ledger.violations().get(0).detail());
    // a difference in the first byte (the destination MAC; the id further on is intact)
    Frame b = send(1);
    byte[] bad = b.toByteArray();
    bad[0] ^= 1;
    ledger.delivered(bad, bad.length, "slot 1");
    assertEquals(
        "first difference at byte 0 (sent 60 bytes, delivered 60)",
        ledger.violations().get(1).detail());
  }

  @Test
  void theFinalCheck_reportsLostPacketsInIdOrder_afterTheViolations() {
    send(9);
    send(3);
    send(5);
    ledger.delivered(new byte[60], 60, "slot 0");
    List<Violation> v = ledger.finalCheck();
    assertEquals(Violation.Kind.UNKNOWN, v.get(0).kind());
    assertEquals(List.of(3L, 5L, 9L), v.subList(1, 4).stream().map(Violation::packetId).toList());
    assertEquals(1, ledger.violations().size(), "the final check adds nothing to the record");
    assertEquals(
        "LOST packet #3 at end of run: neither delivered nor dropped and counted",
        v.get(1).toString());
  }

  @Test
  void sent_refusesAFrameWithoutItsId_andAnIdTwice() {
    Frame f = TestFrames.build(new PacketId(1), 0x020000000001L, 0x02AABBCCDDEEL, 60, 3);
    assertThrows(IllegalArgumentException.class, () -> ledger.sent(new PacketId(2), f));
    ledger.sent(new PacketId(1), f);
    assertThrows(IllegalArgumentException.class, () -> ledger.sent(new PacketId(1), f));
    deliver(f, "slot 0");
    assertThrows(IllegalArgumentException.class, () -> ledger.sent(new PacketId(1), f));
    assertEquals(1, ledger.sent());
  }
}
