package org.vfiomc.conformance.emulator.packet;

import static com.google.common.base.Preconditions.checkArgument;

/** Identity of one packet put on the wire (non-negative). */
public record PacketId(long value) implements Comparable<PacketId> {
  public PacketId {
    checkArgument(value >= 0, "packet id %s negative", value);
  }

  @Override
  public int compareTo(PacketId o) {
    return Long.compare(value, o.value);
  }

  @Override
  public String toString() {
    return "#" + value;
  }
}
