package org.vfiomc.conformance.emulator.mailbox;

import static org.vfiomc.conformance.emulator.mailbox.MboxMsg.*;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.vfiomc.conformance.emulator.packet.Frame;
import org.vfiomc.conformance.emulator.regs.RegisterFile;
import org.vfiomc.conformance.emulator.regs.VfRegs;
import org.vfiomc.conformance.emulator.state.PfVfState;

/**
 * The ixgbe PF driver as far as one VF can see it: mailbox message handlers ({@code
 * ixgbe_rcv_msg_from_vf}), the VF reset event, the L2 filter decisions the PF programs into the
 * switch, and the per-VF state the PF keeps ({@code struct vf_data_storage} in Linux {@code
 * ixgbe/ixgbe.h}).
 */
public final class PfAgent {
  /** VLVF entries the VF may use (the table is 64 entries shared; we give one VF all of them). */
  public static final int MAX_VLANS = 64;

  /** The VLAN id bits of an 802.1Q TCI ({@code VLAN_VID_MASK}). */
  public static final int VLAN_VID_MASK = 0xFFF;

  /** MACVLAN filters a VF may add. */
  public static final int MAX_MACVLANS = 15;

  /** Feature bits this PF supports in FEATURES_NEGOTIATE (no IPsec, no ESX mailbox). */
  public static final int SUPPORTED_FEATURES = 0;

  private static final int STD_MAX_FRAME = 1518;

  private final RegisterFile rf;
  private final boolean pfJumbo;

  private long mac;
  private boolean adminMac;
  private List<Integer> mcHashes = new ArrayList<>();
  private boolean clearToSend;
  private int api = API_10;
  private int features;
  private int xcastMode;
  private final TreeSet<Integer> vlans = new TreeSet<>();
  private List<Long> macvlans = new ArrayList<>();
  private int maxFrame = STD_MAX_FRAME;
  private int portVlan;
  private int portQos;
  private boolean trusted;
  private boolean spoofCheck = true;
  private boolean rssQueryEnabled;
  private boolean linkEnable = true;
  private int txRate;
  private boolean rxEnabled;
  private boolean txEnabled;
  private boolean queueDropEnable;
  private long messages;
  private long nacks;
  private long vfAcks;

  /**
   * A PF for one VF.
   *
   * @param rf the VF's register file (the PF zeroes TDWBAL/H on VF reset)
   * @param assignedMac MAC the PF hands out on VF_RESET (0 = none, reply NACK)
   * @param adminMac true if {@code assignedMac} was set by the administrator
   * @param pfJumbo true if the PF runs with jumbo frames (affects SET_LPE on 82599)
   */
  public PfAgent(RegisterFile rf, long assignedMac, boolean adminMac, boolean pfJumbo) {
    this.rf = rf;
    this.mac = assignedMac;
    this.adminMac = adminMac;
    this.pfJumbo = pfJumbo;
  }

  /** Requests handled. */
  public long messages() {
    return messages;
  }

  /** Requests answered with NACK. */
  public long nacks() {
    return nacks;
  }

  /** VF ACKs of PF messages received. */
  public long vfAcks() {
    return vfAcks;
  }

  void vfAcked() {
    vfAcks++;
  }

  /** The VF's MAC (0 if none). */
  public long mac() {
    return mac;
  }

  /** True once the VF completed VF_RESET. */
  public boolean clearToSend() {
    return clearToSend;
  }

  /** Negotiated API enum. */
  public int apiVersion() {
    return api;
  }

  /** Max frame agreed via SET_LPE. */
  public int maxFrame() {
    return maxFrame;
  }

  /** VFTE: the pool may transmit. */
  public boolean txEnabled() {
    return txEnabled;
  }

  /** QDE for the VF's queues. */
  public boolean queueDropEnable() {
    return queueDropEnable;
  }

  /** Host admin: trust the VF or not (clears clear_to_send, the VF must reset). */
  public void setTrusted(boolean t) {
    trusted = t;
    clearToSend = false;
  }

  /** Host admin: link enable for the VF. */
  public void setLinkEnable(boolean e) {
    linkEnable = e;
  }

  /** Host admin: RSS query permission. */
  public void setRssQueryEnabled(boolean e) {
    rssQueryEnabled = e;
  }

  /**
   * Host admin, port-wide: store bad packets (FCTRL.SBP, which the ixgbe PF sets with {@code
   * ethtool -K PF rx-all on}; off by default). A PF register, not per-VF state: never migrated.
   */
  public void setStoreBadPackets(boolean on) {
    storeBadPackets = on;
  }

  /** FCTRL.SBP: frames with a CRC error are placed (with CE) rather than discarded at the MAC. */
  public boolean storeBadPackets() {
    return storeBadPackets;
  }

  private boolean storeBadPackets;

  /** Host admin: port VLAN and QoS (0 = none). */
  public void setPortVlan(int vlan, int qos) {
    portVlan = vlan & 0xFFF;
    portQos = qos & 7;
  }

  /** The 12-bit MTA vector of a MAC for filter type 0 (bits 47:36 of the address). */
  public static int mtaVector(long mac) {
    int b4 = (int) (mac >>> 8) & 0xFF;
    int b5 = (int) mac & 0xFF;
    return ((b4 >>> 4) | (b5 << 4)) & 0xFFF;
  }

  /**
   * The switch's decision: does {@code f} go to this VF's pool? A frame with an 802.1Q tag goes
   * only to a VF that joined its VLAN (SET_VLAN, or VLAN 0 re-added at every VF reset): the ixgbe
   * PF runs VLAN filtering (VLNCTRL.VFE) in SR-IOV mode and gives each VF's VLANs a VLVF entry with
   * the pool's bit ({@code ixgbe_set_vf_vlan}). A VF with a port VLAN is not modelled here (its tag
   * is the PF's to insert and strip). UNVERIFIED against the datasheet's pool selection.
   */
  public boolean accepts(Frame f) {
    if (!rxEnabled || !linkEnable) {
      return false;
    }
    int tci = f.vlanTci();
    if (tci >= 0 && portVlan == 0 && !vlans.contains(tci & VLAN_VID_MASK)) {
      return false;
    }
    long dst = f.destinationMac();
    if (dst == mac) {
      return true;
    }
    if (f.isBroadcast()) {
      return true;
    }
    if (f.isMulticast()) {
      return xcastMode >= 2 || mcHashes.contains(mtaVector(dst));
    }
    return dst == mac || macvlans.contains(dst) || xcastMode == 3;
  }

  /** VFLR or VFCTRL.RST seen through PFVFLRE: {@code ixgbe_vf_reset_event}. */
  public void vfReset() {
    resetEvent();
    clearToSend = false;
    rxEnabled = false;
    txEnabled = false;
  }

  private void resetEvent() {
    vlans.clear();
    vlans.add(portVlan); // re-add port VLAN, or VLAN 0
    mcHashes = new ArrayList<>();
    macvlans = new ArrayList<>();
    xcastMode = 0;
    api = API_10;
    features = 0;
    maxFrame = STD_MAX_FRAME;
  }

  /**
   * Handles one request in {@code msg}; writes the reply into {@code reply} and returns its length
   * in words (0 = no reply: the message carried ACK/NACK already).
   */
  public int handle(int[] msg, int[] reply) {
    int w0 = msg[0];
    if ((w0 & (ACK | NACK)) != 0) {
      return 0;
    }
    messages++;
    int id = w0 & 0xFFFF;
    if (id == RESET) {
      return resetMsg(reply);
    }
    if (!clearToSend) {
      nacks++;
      reply[0] = id | NACK;
      return 1;
    }
    int info = (w0 >>> 16) & 0xFF;
    int n = 1;
    boolean ok;
    switch (id) {
      case SET_MAC_ADDR -> ok = setMac(getMac(msg, 1));
      case SET_MULTICAST -> ok = setMulticast(msg, info);
      case SET_VLAN -> ok = setVlan(info != 0, msg[1] & 0xFFF);
      case SET_LPE -> ok = setLpe(msg[1]);
      case SET_MACVLAN -> ok = setMacvlan(info, getMac(msg, 1));
      case API_NEGOTIATE -> ok = negotiate(msg[1]);
      case GET_QUEUES -> {
        ok = api >= API_11;
        if (ok) {
          reply[1] = VfRegs.QUEUES;
          reply[2] = VfRegs.QUEUES;
          reply[3] = portVlan != 0 ? 1 : 0;
          reply[4] = 0;
          n = 5;
        }
      }
      case GET_RETA -> {
        ok = api >= API_12 && rssQueryEnabled;
        if (ok) {
          for (int i = 1; i <= 8; i++) {
            reply[i] = 0x44444444; // entries alternate queue 0, queue 1 (2 bits each)
          }
          n = 9;
        }
      }
      case GET_RSS_KEY -> {
        ok = api >= API_12 && rssQueryEnabled;
        if (ok) {
          for (int i = 1; i <= 10; i++) {
            reply[i] = 0x6D5A6D5A; // the well-known default Toeplitz key pattern
          }
          n = 11;
        }
      }
      case UPDATE_XCAST_MODE -> {
        ok = api >= API_12 && msg[1] >= 0 && msg[1] <= 3;
        if (ok) {
          int mode = msg[1];
          if (mode > 1 && !trusted) {
            mode = 1;
          }
          ok = mode != 3; // 82599 refuses promiscuous for VFs
          if (ok) {
            xcastMode = mode;
            reply[1] = mode;
            n = 2;
          }
        }
      }
      case GET_LINK_STATE -> {
        ok = api >= API_12;
        if (ok) {
          reply[1] = linkEnable ? 1 : 0;
          n = 2;
        }
      }
      case FEATURES_NEGOTIATE -> {
        ok = api >= API_17;
        if (ok) {
          features = msg[1] & SUPPORTED_FEATURES;
          reply[1] = features;
          n = 2;
        }
      }
      default -> ok = false;
    }
    if (!ok) {
      nacks++;
      n = 1;
    }
    reply[0] = id | (ok ? ACK : NACK) | CTS;
    return n;
  }

  private int resetMsg(int[] reply) {
    resetEvent();
    txEnabled = true;
    queueDropEnable = true;
    rxEnabled = !pfJumbo;
    clearToSend = true;
    for (int q = 0; q < VfRegs.QUEUES; q++) {
      rf.set(VfRegs.tdwbal(q), 0); // "not cleared by FLR": the PF zeroes them
      rf.set(VfRegs.tdwbah(q), 0);
    }
    reply[0] = RESET | (mac != 0 ? ACK : NACK);
    putMac(reply, 1, mac);
    reply[3] = 0; // multicast filter type 0
    if (mac == 0) {
      nacks++;
    }
    return 4;
  }

  private static boolean validUnicast(long m) {
    return m != 0 && (m >>> 40 & 1) == 0;
  }

  private boolean setMac(long m) {
    if (!validUnicast(m) || (adminMac && m != mac && !trusted)) {
      return false;
    }
    mac = m;
    return true;
  }

  private boolean setMulticast(int[] msg, int count) {
    int n = Math.min(count, 30);
    List<Integer> h = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int w = msg[1 + i / 2];
      h.add((i % 2 == 0 ? w : w >>> 16) & 0xFFFF);
    }
    mcHashes = h;
    return true;
  }

  private boolean setVlan(boolean add, int vid) {
    if (portVlan != 0) {
      return false;
    }
    if (add) {
      if (!vlans.contains(vid) && vlans.size() >= MAX_VLANS) {
        return false;
      }
      vlans.add(vid);
    } else {
      vlans.remove(vid);
    }
    return true;
  }

  private boolean setLpe(int frame) {
    if (frame < 68 || frame > Frame.MAX_LENGTH) {
      return false;
    }
    boolean vfJumbo = frame > STD_MAX_FRAME;
    boolean err = api == API_10 ? (pfJumbo || vfJumbo) : (vfJumbo && !pfJumbo);
    rxEnabled = !err;
    if (!err) {
      maxFrame = frame;
    }
    return !err;
  }

  private boolean setMacvlan(int index, long m) {
    if (adminMac && !trusted) {
      return false;
    }
    if (index == 0) {
      macvlans = new ArrayList<>();
      return true;
    }
    if (!validUnicast(m) || macvlans.size() >= MAX_MACVLANS) {
      return false;
    }
    if (!macvlans.contains(m)) {
      macvlans.add(m);
    }
    return true;
  }

  private boolean negotiate(int requested) {
    return switch (requested) {
      case API_10, API_11, API_12, API_13, API_14, API_16, API_17 -> {
        api = requested;
        yield true;
      }
      default -> false;
    };
  }

  /** The PF-held state as a value. */
  public PfVfState state() {
    return new PfVfState(
        mac,
        adminMac,
        ImmutableList.copyOf(mcHashes),
        clearToSend,
        api,
        features,
        xcastMode,
        ImmutableList.copyOf(vlans),
        ImmutableList.copyOf(macvlans),
        maxFrame,
        portVlan,
        portQos,
        trusted,
        spoofCheck,
        rssQueryEnabled,
        linkEnable,
        txRate,
        rxEnabled,
        txEnabled,
        queueDropEnable);
  }

  /** Replaces the PF-held state (the RFC's {@code state_in_pf} import). */
  public void restore(PfVfState s) {
    mac = s.mac();
    adminMac = s.adminMac();
    mcHashes = new ArrayList<>(s.mcHashes());
    clearToSend = s.clearToSend();
    api = s.apiVersion();
    features = s.features();
    xcastMode = s.xcastMode();
    vlans.clear();
    vlans.addAll(s.vlans());
    macvlans = new ArrayList<>(s.macvlans());
    maxFrame = s.maxFrame();
    portVlan = s.portVlan();
    portQos = s.portQos();
    trusted = s.trusted();
    spoofCheck = s.spoofCheck();
    rssQueryEnabled = s.rssQueryEnabled();
    linkEnable = s.linkEnable();
    txRate = s.txRate();
    rxEnabled = s.rxEnabled();
    txEnabled = s.txEnabled();
    queueDropEnable = s.queueDropEnable();
  }
}
