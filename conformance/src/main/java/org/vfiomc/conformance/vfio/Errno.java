package org.vfiomc.conformance.vfio;

/** The Linux errno values the migration uAPI returns, with their numbers on x86-64. */
public enum Errno {
  /** Invalid request: unsupported or blocked target, SET in ERROR, bad or incompatible data. */
  EINVAL(22),
  /** An arc failed inside the device (injected fault). */
  EIO(5),
  /** A data fd whose session has ended. */
  ENODEV(19),
  /** PRE_COPY temporary end of stream: no data now, more may come. */
  ENOMSG(42),
  /** A write would make the resuming stream larger than the device accepts. */
  EFBIG(27),
  /** The operation does not apply to this fd (read on a resuming fd, write on a saving fd). */
  EBADF(9);

  private final int number;

  Errno(int number) {
    this.number = number;
  }

  public int number() {
    return number;
  }
}
