package org.vfiomc.conformance.emulator;

/**
 * Deliberate departures from 82599 behaviour, for the tests that must show they catch them (the
 * emulator's mutants, as {@link VfConfig#descriptorBeforeData()} is for the Rx write order). A
 * {@link VfConfig#defaults() default} VF has none.
 */
public enum VfDefect {
  /**
   * A stopped VF (VFIO STOP, STOP_COPY, RESUMING) keeps frames that arrive in its packet buffer and
   * places them once it runs again, instead of dropping them at arrival: the emulator's behaviour
   * before issue 10, which made loss during downtime impossible.
   */
  BUFFER_WHILE_STOPPED,
  /**
   * A frame for a disabled queue (RXDCTL.ENABLE = 0) waits in the packet buffer and is placed if
   * the queue is enabled again, instead of being dropped at arrival (82599 with DROP_EN / QDE).
   */
  NO_QUEUE_GATE,
  /**
   * The stop completes only the descriptor whose buffer is already written, leaving the rest of a
   * multi-descriptor frame in flight inside the stopped device (issue 10's third finding).
   */
  STOP_MID_FRAME,
  /**
   * Restore writes the whole register image, including what no guest, PF or VMM can write on an
   * 82599 (the read-only statistics, VFFRTIMER) and VTEICR directly instead of re-raising the
   * causes through VTEICS: the emulator's restore before issue 10.
   */
  RESTORES_READ_ONLY_STATE,
  /**
   * Clearing RXDCTL.ENABLE reads back 0 at once while the frame in flight is still being written
   * (the emulator before issue 10, item 3): a driver that trusts the read-back frees buffers the
   * device still writes.
   */
  ENABLE_CLEARS_AT_ONCE,
  /**
   * A buffer write the IOMMU refuses abandons the frame as a clean, counted {@code DMA_FAULT} drop
   * (the emulator before issue 10, item 4) instead of being discarded while the descriptor is still
   * written back with DD.
   */
  FAULT_DROPS_CLEANLY,
  /**
   * SRRCTL.DESCTYPE is ignored and every descriptor is written back in the advanced format (the
   * emulator before issue 10, item 5), so a legacy-format ring gets a layout it cannot read.
   */
  DESCTYPE_IGNORED,
  /**
   * With RXDCTL.VME set the 802.1Q tag is stripped from the data but VP stays clear and the
   * write-back's vlan field 0: the tag is gone without a trace, and the guest hands the stack a
   * frame without the VLAN it arrived on.
   */
  VLAN_STRIPPED_WITHOUT_VP,
  /**
   * With FCTRL.SBP set, a frame with a CRC error is neither placed (with CE, for the driver to
   * drop) nor counted: it vanishes inside the device, which the ledger sees as a frame lost after
   * acceptance instead of one the driver dropped.
   */
  BAD_FRAME_DROPPED_SILENTLY,
  /**
   * VTEITR is ignored: every latched, enabled cause is sent at once (the emulator before issue 10,
   * item 6), so interrupts come closer together than the programmed moderation interval.
   */
  EITR_IGNORED,
  /**
   * A cause that becomes pending while its vector's moderation interval runs is discarded instead
   * of held until the interval ends: a lost interrupt, which leaves the frames it announced in the
   * ring of an interrupt-driven driver (a stall).
   */
  MODERATED_CAUSE_LOST,
  /**
   * The PF answers inside the VF's REQ write: PFACK, the whole reply and PFSTS are there when the
   * write returns (the emulator before issue 10, item 6), so a driver that reads the reply without
   * waiting for PFSTS, or without the VFU lock, never sees a half-written one.
   */
  SYNCHRONOUS_PF
}
