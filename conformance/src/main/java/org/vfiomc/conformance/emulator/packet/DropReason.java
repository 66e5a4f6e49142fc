package org.vfiomc.conformance.emulator.packet;

/**
 * Why the device dropped a received frame (all are counted; all but DMA_FAULT happen before the
 * frame is accepted into a ring).
 */
public enum DropReason {
  /** The device's receive FIFO (packet buffer) was full. */
  FIFO_FULL,
  /** The PF's L2 filter does not send the frame to this VF (MAC, multicast, VFRE). */
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
   * A descriptor fetch or buffer write was refused by the IOMMU or the DMA gate after the frame was
   * accepted; the device abandons the frame (counted, with the fault recorded).
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
