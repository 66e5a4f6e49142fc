package org.vfiomc.conformance.emulator.state;

import com.google.common.collect.ImmutableList;

/**
 * Device-internal counters that a restored device must continue from: register access oddities,
 * DMA faults, MSI-X messages sent per vector, the free-running step count.
 */
public record DeviceCounters(
    long unknownReads,
    long unknownWrites,
    long droppedWrites,
    long dmaFaults,
    long dmaBlocked,
    ImmutableList<Long> msixSent,
    long steps) {
  public DeviceCounters {
    msixSent = ImmutableList.copyOf(msixSent);
  }
}
