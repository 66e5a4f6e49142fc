package org.vfiomc.conformance.emulator.ring;

import org.vfiomc.conformance.emulator.packet.Frame;

/** What the PF's switch decides for a received frame (implemented by the PF model). */
public interface RxPolicy {
  /** True if the L2 filter sends {@code frame} to this VF's pool (and VFRE is set). */
  boolean accepts(Frame frame);

  /** True if queue {@code q} drops when out of descriptors (SRRCTL.DROP_EN or the PF's QDE). */
  boolean queueDropEnabled(int q);

  /** Largest frame the VF may receive (SET_LPE). */
  int maxFrame();

  /**
   * True if the port keeps frames whose FCS did not match (the PF's FCTRL.SBP) and places them with
   * CE set, instead of discarding them at the MAC ({@code DropReason.CRC_ERROR}).
   */
  boolean storeBadPackets();
}
