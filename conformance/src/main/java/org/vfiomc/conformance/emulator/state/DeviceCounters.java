package org.vfiomc.conformance.emulator.state;

import com.google.common.collect.ImmutableList;

/**
 * Device-internal counters that a restored device must continue from: register access oddities, DMA
 * faults, MSI-X messages sent per vector, the free-running step count, and the Rx/Tx arbitration
 * state ({@code arbitration}: bit 0 = Tx goes first on the next step, bits 15:8 = next Tx queue in
 * the round robin), so a restored device schedules exactly as the source would.
 */
public record DeviceCounters(
    long unknownReads,
    long unknownWrites,
    long droppedWrites,
    long dmaFaults,
    long dmaBlocked,
    ImmutableList<Long> msixSent,
    long steps,
    int arbitration) {
  public DeviceCounters {
    msixSent = ImmutableList.copyOf(msixSent);
  }
}
