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
 *
 * <p>Memory: only packets in flight keep their frame; a delivered or dropped packet keeps two bits
 * (its fate, so that a late duplicate is still caught) and, for the last {@value #RECENT} packets
 * resolved, where that happened (for the messages). A long run ({@code simulate --packets
 * 100000000}) thus needs about 25 MB for the ledger, not a frame per packet.
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

  /** Resolved packets whose place of delivery or drop is kept for messages. */
  static final int RECENT = 4096;

  private final Map<Long, Frame> inFlight = new HashMap<>();
  private final IdBits deliveredIds = new IdBits();
  private final IdBits droppedIds = new IdBits();

  @SuppressWarnings("serial") // never serialised
  private final Map<Long, String> recentWhere =
      new java.util.LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, String> eldest) {
          return size() > RECENT;
        }
      };

  /** A set of non-negative ids, a bit each, in pages of 2^16 ids allocated as ids appear. */
  private static final class IdBits {
    private final Map<Long, long[]> pages = new HashMap<>();

    void add(long id) {
      pages.computeIfAbsent(id >>> 16, k -> new long[1 << 10])[(int) ((id >>> 6) & 1023)] |=
          1L << (id & 63);
    }

    boolean contains(long id) {
      long[] page = pages.get(id >>> 16);
      return page != null && (page[(int) ((id >>> 6) & 1023)] & (1L << (id & 63))) != 0;
    }
  }

  private Fate fate(long id) {
    if (inFlight.containsKey(id)) {
      return Fate.IN_FLIGHT;
    }
    return deliveredIds.contains(id)
        ? Fate.DELIVERED
        : droppedIds.contains(id) ? Fate.DROPPED : null;
  }

  private String where(long id) {
    return recentWhere.getOrDefault(id, "an earlier point (not kept)");
  }

  private final List<Violation> violations = new ArrayList<>();
  private final long[] drops = new long[DropReason.values().length];
  private long sent;
  private long delivered;
  private long dropped;
  private long droppedByDriver;

  /** Records a packet put on the wire. Ids must be unique. */
  public void sent(PacketId id, Frame f) {
    checkArgument(
        TestFrames.idOf(f.toByteArray(), 0, f.length()) == id.value(),
        "frame does not carry id %s",
        id);
    checkArgument(id.value() >= 0, "id %s is negative", id);
    checkArgument(
        fate(id.value()) == null && inFlight.put(id.value(), f) == null, "id %s sent twice", id);
    sent++;
  }

  /** Records a frame the stack received. */
  public void delivered(byte[] buf, int len, String where) {
    long id = TestFrames.idOf(buf, 0, len);
    Fate fate = id < 0 ? null : fate(id);
    if (fate == null) {
      violations.add(
          new Violation(Violation.Kind.UNKNOWN, id, where, len + " bytes matching no sent packet"));
      return;
    }
    if (fate == Fate.DELIVERED) {
      violations.add(
          new Violation(Violation.Kind.DUPLICATED, id, where, "already delivered at " + where(id)));
      return;
    }
    if (fate == Fate.DROPPED) {
      violations.add(
          new Violation(
              Violation.Kind.DUPLICATED,
              id,
              where,
              "delivered after the device counted it dropped at " + where(id)));
      return;
    }
    Frame frame = inFlight.remove(id);
    deliveredIds.add(id);
    recentWhere.put(id, where);
    delivered++;
    int diff = frame.firstDifference(buf, 0, len);
    if (diff >= 0) {
      violations.add(
          new Violation(
              Violation.Kind.CORRUPTED,
              id,
              where,
              "first difference at byte "
                  + diff
                  + " (sent "
                  + frame.length()
                  + " bytes, delivered "
                  + len
                  + ")"));
    }
  }

  /** Records a device drop (from {@code VfListener.rxDropped}). */
  public void dropped(Frame f, DropReason reason, String where) {
    long id = TestFrames.idOf(f.toByteArray(), 0, f.length());
    if (resolveAsDropped(id, "dropped (" + reason + ")", where, reason.toString())) {
      drops[reason.ordinal()]++;
      dropped++;
    }
  }

  /**
   * Records a frame the guest driver freed for the error bits of its write-back ({@code
   * RxStack.droppedByDriver}): {@code buf[0, len)} is what the device placed, so only its id is
   * trusted (a bit error may have changed any other byte). The frame was never accepted as good: it
   * is its own class, neither a device drop nor a loss, and a later delivery of it is a duplicate.
   */
  public void droppedByDriver(byte[] buf, int len, String where) {
    long id = TestFrames.idOf(buf, 0, len);
    if (resolveAsDropped(id, "dropped by the driver", where, "driver: error bits")) {
      droppedByDriver++;
    }
  }

  /**
   * Resolves packet {@code id} as dropped ({@code how}, at {@code where}, remembered with {@code
   * note}) if it is in flight and returns true; otherwise records why not (an unsent frame, or one
   * already delivered or dropped) and returns false.
   */
  private boolean resolveAsDropped(long id, String how, String where, String note) {
    Fate fate = id < 0 ? null : fate(id);
    if (fate == null) {
      violations.add(
          new Violation(Violation.Kind.UNKNOWN, id, where, how + ": a frame never sent"));
      return false;
    }
    if (fate != Fate.IN_FLIGHT) {
      violations.add(
          new Violation(
              Violation.Kind.DROP_AFTER_DELIVERY,
              id,
              where,
              how + " after being " + fate + " at " + where(id)));
      return false;
    }
    inFlight.remove(id);
    droppedIds.add(id);
    recentWhere.put(id, where + " (" + note + ")");
    return true;
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
    inFlight.keySet().stream()
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

  /** Packets the guest driver dropped for hardware-reported errors. */
  public long droppedByDriver() {
    return droppedByDriver;
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
    return sent - delivered - dropped - droppedByDriver;
  }

  @Override
  public String toString() {
    return "PacketLedger[sent="
        + sent
        + ", delivered="
        + delivered
        + ", dropped="
        + dropped
        + ", droppedByDriver="
        + droppedByDriver
        + ", inFlight="
        + inFlight()
        + ", violations="
        + violations.size()
        + "]";
  }
}
