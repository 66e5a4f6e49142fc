package org.vfiomc.conformance.guest;

/**
 * Deliberate departures from ixgbevf, for the tests that must show they catch them (the guest
 * driver's mutants, as {@code VfDefect} is the emulator's). Package-private: no real use sets one.
 */
enum DriverDefect {
  /**
   * NAPI completes without re-enabling the queue's vector ({@code ixgbevf_poll} without {@code
   * ixgbevf_irq_enable_queues}): the vector stays auto-masked and no later frame interrupts.
   */
  NEVER_REARM,
  /**
   * A poll that used its whole budget completes NAPI and re-arms the vector although work is left
   * ({@code napi_complete_done} must only follow a poll that finished under budget): the frames
   * already written back raise no new interrupt.
   */
  COMPLETE_ON_FULL_BUDGET,
  /**
   * Refill writes no per-descriptor length zero (only the packet buffer address), so a slot that
   * comes round again still carries last lap's write-back length and reads as done.
   */
  REFILL_KEEPS_LENGTH,
  /**
   * A page whose other half the stack still holds is flipped and re-posted anyway ({@code
   * ixgbevf_can_reuse_rx_page} skipped): the device overwrites a buffer the stack has not read.
   */
  REUSE_HELD_PAGE,
  /** Frames shorter than {@code ixgbevf_xmit_frame}'s minimum are queued unpadded. */
  NO_TX_PAD,
  /**
   * Received frames shorter than {@code ETH_ZLEN} go to the stack unpadded ({@code eth_skb_pad}).
   */
  NO_RX_PAD,
  /**
   * The VP bit of the write-back is ignored: a frame whose 802.1Q tag the device stripped reaches
   * the stack without it ({@code ixgbevf_process_skb_fields} not putting the vlan field into the
   * skb).
   */
  IGNORES_VP,
  /**
   * Frames whose write-back carries a frame error (CE, LE, PE, OSE, USE) go to the stack instead of
   * being freed ({@code ixgbevf_cleanup_headers} skipped): the bytes a bit error broke are
   * delivered.
   */
  DELIVERS_ERROR_FRAMES,
  /**
   * The reset wait of the emulator's first driver: it waits until RSTI/RSTD show and then goes on,
   * instead of waiting while they are asserted ({@code ixgbevf_reset_hw_vf}), so it talks to a PF
   * that is still in reset.
   */
  INVERTED_RESET_WAIT,
  /**
   * The reply is read as soon as PFACK is seen, without waiting for PFSTS and without the VFU lock
   * ({@code ixgbevf_read_mbx_vf} takes it): with a PF that answers in its own time the buffer may
   * still hold the request or half the reply.
   */
  READ_REPLY_UNLOCKED
}
