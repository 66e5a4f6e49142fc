package org.vfiomc.conformance.guest;

/**
 * How the clean loop decides a descriptor is done (Linux {@code ixgbevf_clean_rx_irq} in {@code
 * ixgbevf_main.c}).
 */
public enum DoneCheck {
  /** Older ixgbevf (and the 2015 RFC base): {@code status_error & DD}. */
  DESCRIPTOR_DD,
  /** ixgbevf since 2018: {@code wb.upper.length != 0}. */
  LENGTH
}
