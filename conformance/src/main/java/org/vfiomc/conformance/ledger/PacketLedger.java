package org.vfiomc.conformance.ledger;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vfiomc.conformance.emulator.packet.DropReason;
import org.vfiomc.conformance.emulator.packet.Frame;
import org.vfiomc.conformance.emulator.packet.PacketId;
import org.vfiomc.conformance.emulator.packet.TestFrames;

/**
 * Tracks every packet from the wire to the stack. Packets carry their id in the payload ({@link
 * TestFrames}), so a delivered buffer is matched to what was sent by id, then compared byte for
 * byte.
 */
// Per-reason drop counts are a long[] indexed by DropReason.ordinal() (sized from values(), in
// memory only), as in RxEngine, whose counters they are compared with.
@SuppressWarnings("EnumOrdinal")
public final class PacketLedger {
  private enum Fate {
    IN_FLIGHT,
    DELIVERED,
    DROPPED
  }

  private static final class Entry {
    final Frame frame;
    Fate fate = Fate.IN_FLIGHT;
    String where;

    Entry(Frame frame) {
      this.frame = frame;
    }
  }

  private final Map<Long, Entry> entries = new HashMap<>();
  private final List<Violation> violations = new ArrayList<>();
  private final long[] drops = new long[DropReason.values().length];
  private long sent;
  private long delivered;
  private long dropped;

  /** Records a packet put on the wire. Ids must be unique. */
  public void sent(PacketId id, Frame f) {
    checkArgument(
        TestFrames.idOf(f.toByteArray(), 0, f.length()) == id.value(),
        "frame does not carry id %s",
        id);
    checkArgument(entries.putIfAbsent(id.value(), new Entry(f)) == null, "id %s sent twice", id);
    sent++;
  }

  /** Records a frame the stack received. */
  public void delivered(byte[] buf, int len, String where) {
    long id = TestFrames.idOf(buf, 0, len);
    Entry e = id < 0 ? null : entries.get(id);
    if (e == null) {
      violations.add(
          new Violation(Violation.Kind.UNKNOWN, id, where, len + " bytes matching no sent packet"));
      return;
    }
    if (e.fate == Fate.DELIVERED) {
      violations.add(
          new Violation(Violation.Kind.DUPLICATED, id, where, "already delivered at " + e.where));
      return;
    }
    if (e.fate == Fate.DROPPED) {
      violations.add(
          new Violation(
              Violation.Kind.DUPLICATED,
              id,
              where,
              "delivered after the device counted it dropped at " + e.where));
      return;
    }
    e.fate = Fate.DELIVERED;
    e.where = where;
    delivered++;
    int diff = e.frame.firstDifference(buf, 0, len);
    if (diff >= 0) {
      violations.add(
          new Violation(
              Violation.Kind.CORRUPTED,
              id,
              where,
              "first difference at byte "
                  + diff
                  + " (sent "
                  + e.frame.length()
                  + " bytes, delivered "
                  + len
                  + ")"));
    }
  }

  /** Records a device drop (from {@code VfListener.rxDropped}). */
  public void dropped(Frame f, DropReason reason, String where) {
    long id = TestFrames.idOf(f.toByteArray(), 0, f.length());
    Entry e = id < 0 ? null : entries.get(id);
    if (e == null) {
      violations.add(new Violation(Violation.Kind.UNKNOWN, id, where, "drop of an unsent frame"));
      return;
    }
    if (e.fate != Fate.IN_FLIGHT) {
      violations.add(
          new Violation(
              Violation.Kind.DROP_AFTER_DELIVERY,
              id,
              where,
              "dropped (" + reason + ") after being " + e.fate + " at " + e.where));
      return;
    }
    e.fate = Fate.DROPPED;
    e.where = where + " (" + reason + ")";
    drops[reason.ordinal()]++;
    dropped++;
  }

  /** Compares the drops seen with the device's own counter for a reason. */
  public void checkDropCounter(DropReason reason, long deviceCount) {
    if (deviceCount != drops[reason.ordinal()]) {
      violations.add(
          new Violation(
              Violation.Kind.DROP_MISCOUNT,
              -1,
              "device counters",
              reason
                  + ": device counted "
                  + deviceCount
                  + ", ledger saw "
                  + drops[reason.ordinal()]));
    }
  }

  /** Violations so far (duplication, corruption, unknown, drop miscount); no loss judgement. */
  public ImmutableList<Violation> violations() {
    return ImmutableList.copyOf(violations);
  }

  /** Violations so far plus every packet still in flight reported as LOST. */
  public ImmutableList<Violation> finalCheck() {
    List<Violation> all = new ArrayList<>(violations);
    entries.entrySet().stream()
        .filter(en -> en.getValue().fate == Fate.IN_FLIGHT)
        .map(Map.Entry::getKey)
        .sorted()
        .forEach(
            id ->
                all.add(
                    new Violation(
                        Violation.Kind.LOST,
                        id,
                        "end of run",
                        "neither delivered nor dropped and counted")));
    return ImmutableList.copyOf(all);
  }

  /** Packets put on the wire. */
  public long sent() {
    return sent;
  }

  /** Packets delivered (first delivery of each). */
  public long delivered() {
    return delivered;
  }

  /** Packets dropped by the device and counted. */
  public long dropped() {
    return dropped;
  }

  /** Drops seen for a reason. */
  public long dropped(DropReason r) {
    return drops[r.ordinal()];
  }

  /** Packets neither delivered nor dropped yet. */
  public long inFlight() {
    return sent - delivered - dropped;
  }

  @Override
  public String toString() {
    return "PacketLedger[sent="
        + sent
        + ", delivered="
        + delivered
        + ", dropped="
        + dropped
        + ", inFlight="
        + inFlight()
        + ", violations="
        + violations.size()
        + "]";
  }
}
