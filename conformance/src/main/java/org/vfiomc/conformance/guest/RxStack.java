package org.vfiomc.conformance.guest;

import org.vfiomc.conformance.emulator.packet.Frame;

/** The network stack above the driver: receives each complete frame once. */
public interface RxStack {
  /** The {@code vlanTci} of a frame that came with no hardware-stripped 802.1Q tag. */
  int NO_VLAN = -1;

  /**
   * A frame: {@code buf[0, len)}, valid only during the call. {@code descIndex} is the ring slot of
   * its EOP descriptor (for reports).
   */
  void receive(byte[] buf, int len, int queue, int descIndex);

  /**
   * A frame whose 802.1Q tag the device stripped and the driver put into the skb's metadata ({@code
   * __vlan_hwaccel_put_tag}): {@code vlanTci} is the tag's TCI, or {@link #NO_VLAN}. The stack sees
   * the frame the wire carried, so by default it is passed on with the tag put back after the MACs
   * (as a packet capture of the skb shows it).
   */
  default void receive(byte[] buf, int len, int queue, int descIndex, int vlanTci) {
    if (vlanTci == NO_VLAN) {
      receive(buf, len, queue, descIndex);
      return;
    }
    byte[] tagged = new byte[len + Frame.VLAN_TAG_LENGTH];
    receive(tagged, Frame.insertVlanTag(buf, len, vlanTci, tagged), queue, descIndex);
  }

  /**
   * The driver freed a frame for the error bits of its write-back ({@code ixgbevf_cleanup_headers}:
   * {@code dev_kfree_skb_any}): {@code buf[0, len)} is what the device placed. An observation point
   * (the kernel's {@code skb:kfree_skb} tracepoint), not a delivery; by default nobody watches.
   */
  default void droppedByDriver(byte[] buf, int len, int queue, int descIndex) {}
}
