package org.vfiomc.conformance.emulator.packet;

/**
 * Why the device dropped a received frame (all are counted; all but DMA_FAULT happen before the
 * frame is accepted into a ring).
 */
public enum DropReason {
  /** The device's receive FIFO (packet buffer) was full. */
  FIFO_FULL,
  /**
   * The frame's FCS did not match (a bit error on the wire) and the port does not store bad packets
   * (the PF's FCTRL.SBP clear, as ixgbe leaves it unless {@code ethtool -K PF rx-all on}): the MAC
   * discards it before any pool sees it, and the PF counts it (CRCERRS). With SBP set the frame is
   * placed with CE in its write-back instead and the VF driver drops it. The counter's name and
   * that SBP lets bad frames into a VF pool are from the ixgbe PF driver ({@code ixgbe_set_rx_mode}
   * sets SBP with {@code NETIF_F_RXALL}; {@code ixgbe_update_stats} reads CRCERRS), not the
   * datasheet: UNVERIFIED.
   */
  CRC_ERROR,
  /**
   * The PF's L2 filter does not send the frame to this VF (MAC, multicast, VFRE, or an 802.1Q tag
   * whose VLAN the VF has not joined).
   */
  FILTERED,
  /** The selected queue is disabled (RXDCTL.ENABLE = 0). */
  QUEUE_DISABLED,
  /** Not enough descriptors for the whole frame and drop enable set (SRRCTL.DROP_EN / QDE). */
  NO_DESCRIPTORS,
  /** Larger than the max frame the PF allows for the VF (SET_LPE). */
  OVERSIZE,
  /** The ring is misconfigured (zero length or buffer size). */
  BAD_RING,
  /**
   * A descriptor fetch (a non-posted read: the device sees the failed completion) or a descriptor
   * write-back was refused by the IOMMU after the frame was accepted; the device abandons the frame
   * (counted, with the fault recorded). A refused <em>buffer</em> write is not a drop: the posted
   * write is discarded and the descriptor still written back with DD (issue 10, item 4; {@code
   * RxEngine}), which the guest delivers as corrupted data. Whether the 82599 counts a failed
   * descriptor fetch anywhere, and what it does to the queue, is in the datasheet, which was not
   * consulted: UNVERIFIED.
   */
  DMA_FAULT,
  /**
   * The VF is stopped for migration (VFIO STOP, STOP_COPY or RESUMING: its Rx queues are disabled
   * and it may not DMA), so a frame for it is dropped as it arrives, as the 82599 drops a frame for
   * a disabled queue with DROP_EN/QDE set; the PF counts it per queue (QPRDC, {@code
   * ../shared/reference/82599-vf.md} §3 "Rx order" step 2), the VF sees no counter. Nothing the
   * stopped VF received survives into the migration stream: it is the frame a real migration loses
   * at the stopped port.
   */
  VF_STOPPED
}
