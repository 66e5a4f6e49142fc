package org.vfiomc.conformance.emulator.regs;

/** How a register reacts to guest reads and writes. */
public enum RegAccess {
  /** Read-only: reads the value, writes are dropped and counted. */
  RO,
  /** Read-only counter the device increments (statistics); guest writes dropped and counted. */
  STAT,
  /** Read/write through the writable mask. */
  RW,
  /** Read returns and clears the value; writing 1s clears those bits (VTEICR). */
  RC_W1C,
  /** Writing 1s sets bits in the storage register; reads return it without side effect. */
  W1S,
  /** Write-only: writing 1s clears bits in the storage register; reads return 0 (VTEIMC). */
  W1C_WO,
  /** VFCTRL: writing RST resets the function; reads 0 (self-clearing). */
  RESET_CTRL,
  /** VFMAILBOX: lock, request/ack and read-to-clear status bits (Linux {@code ixgbevf/mbx.h}). */
  MAILBOX,
  /** RDH/TDH: readable; writes accepted only while the queue is disabled. */
  HEAD,
  /** RDT/TDT: the doorbell; low 16 bits writable. */
  TAIL,
  /** RXDCTL/TXDCTL: read/write; ENABLE transitions start or stop the queue. */
  QUEUE_CTRL
}
