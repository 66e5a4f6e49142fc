package org.vfiomc.conformance.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.emulator.packet.DropReason;
import org.vfiomc.conformance.emulator.packet.Frame;
import org.vfiomc.conformance.emulator.packet.PacketId;
import org.vfiomc.conformance.emulator.packet.TestFrames;

final class PacketLedgerTest {
  private final PacketLedger ledger = new PacketLedger();

  private Frame send(long id) {
    Frame f = TestFrames.build(new PacketId(id), 0x020000000001L, 0x02AABBCCDDEEL, 100, 9);
    ledger.sent(new PacketId(id), f);
    return f;
  }

  @Test
  void cleanRun_hasNoViolations() {
    Frame a = send(0);
    Frame b = send(1);
    ledger.delivered(a.toByteArray(), a.length(), "slot 0");
    ledger.dropped(b, DropReason.NO_DESCRIPTORS, "device");
    ledger.checkDropCounter(DropReason.NO_DESCRIPTORS, 1);
    assertEquals(List.of(), ledger.finalCheck());
    assertEquals(0, ledger.inFlight());
  }

  @Test
  void lossDuplicationCorruption_areNamedWithIdAndPlace() {
    Frame a = send(0);
    Frame b = send(1);
    send(2); // never arrives
    ledger.delivered(a.toByteArray(), a.length(), "slot 0");
    ledger.delivered(a.toByteArray(), a.length(), "slot 5");
    byte[] bad = b.toByteArray();
    bad[64] ^= 1;
    ledger.delivered(bad, bad.length, "slot 1");
    List<Violation> v = ledger.finalCheck();
    assertEquals(3, v.size());
    assertEquals(
        new Violation(Violation.Kind.DUPLICATED, 0, "slot 5", "already delivered at slot 0"),
        v.get(0));
    assertEquals(Violation.Kind.CORRUPTED, v.get(1).kind());
    assertEquals(1, v.get(1).packetId());
    assertEquals("first difference at byte 64 (sent 100 bytes, delivered 100)", v.get(1).detail());
    assertEquals(
        new Violation(
            Violation.Kind.LOST, 2, "end of run", "neither delivered nor dropped and counted"),
        v.get(2));
  }

  @Test
  void unknownBytes_andDropMiscount_areReported() {
    send(0);
    ledger.delivered(new byte[60], 60, "slot 3");
    ledger.checkDropCounter(DropReason.FIFO_FULL, 2);
    List<Violation> v = ledger.violations();
    assertEquals(Violation.Kind.UNKNOWN, v.get(0).kind());
    assertEquals(Violation.Kind.DROP_MISCOUNT, v.get(1).kind());
  }

  @Test
  void deliveryAfterACountedDrop_isADuplicate() {
    Frame a = send(0);
    ledger.dropped(a, DropReason.FIFO_FULL, "device");
    ledger.delivered(a.toByteArray(), a.length(), "slot 0");
    assertEquals(Violation.Kind.DUPLICATED, ledger.violations().get(0).kind());
  }
}
