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
  STOP_MID_FRAME
}
