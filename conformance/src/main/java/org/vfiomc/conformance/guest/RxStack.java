package org.vfiomc.conformance.guest;

/** The network stack above the driver: receives each complete frame once. */
public interface RxStack {
  /**
   * A frame: {@code buf[0, len)}, valid only during the call. {@code descIndex} is the ring slot of
   * its EOP descriptor (for reports).
   */
  void receive(byte[] buf, int len, int queue, int descIndex);
}
