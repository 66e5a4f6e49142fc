package org.vfiomc.conformance.ledger;

/**
 * One ledger violation.
 *
 * @param kind what went wrong
 * @param packetId the packet's id, or -1 if the delivered bytes carry no known id
 * @param where where it was observed (as given by the reporter, e.g. "rx q0 slot 17 @step 42")
 * @param detail specifics (first differing byte, earlier delivery, ...)
 */
public record Violation(Kind kind, long packetId, String where, String detail) {
  /** Violation kinds. */
  public enum Kind {
    /** Neither delivered nor dropped-and-counted at the end. */
    LOST,
    /** Delivered more than once. */
    DUPLICATED,
    /** Delivered with bytes different from those sent. */
    CORRUPTED,
    /** Delivered bytes that match no packet sent. */
    UNKNOWN,
    /** Reported dropped after it was delivered, or dropped twice. */
    DROP_AFTER_DELIVERY,
    /** The device's drop counters disagree with the drops the ledger saw. */
    DROP_MISCOUNT
  }

  @Override
  public String toString() {
    return kind + " packet #" + packetId + " at " + where + ": " + detail;
  }
}
