package org.vfiomc.conformance.emulator.state;

import com.google.common.collect.ImmutableList;

/**
 * What the PF driver keeps for one VF ({@code struct vf_data_storage} in Linux {@code
 * ixgbe/ixgbe.h} plus the hardware the PF programs on the VF's behalf). The 2015 RFC's {@code
 * state_in_pf}.
 *
 * @param mac the VF's MAC (48 bits, first byte most significant), 0 if none
 * @param adminMac MAC set by the host administrator ({@code pf_set_mac}); VF may not change it
 * @param mcHashes multicast hash values (at most 30)
 * @param clearToSend VF completed VF_RESET; otherwise every other request is NACKed
 * @param apiVersion negotiated mailbox API enum (0 = 1.0 ... 8 = 1.7)
 * @param features bits accepted by FEATURES_NEGOTIATE
 * @param xcastMode 0 none, 1 multi, 2 allmulti, 3 promisc
 * @param vlans VLAN IDs in the VF's VLVF entries, ascending
 * @param macvlans additional unicast filters (SET_MACVLAN)
 * @param maxFrame max frame agreed through SET_LPE
 * @param portVlan port VLAN (0 = none); with {@code portQos}
 * @param portQos port VLAN priority
 * @param trusted VF trust
 * @param spoofCheck anti-spoof enabled
 * @param rssQueryEnabled VF may read RETA and RSS key
 * @param linkEnable PF lets the VF's link be up
 * @param txRate Tx rate limit in Mb/s, 0 = none
 * @param rxEnabled VFRE bit for the pool
 * @param txEnabled VFTE bit for the pool
 * @param queueDropEnable QDE set for all VF queues
 */
public record PfVfState(
    long mac,
    boolean adminMac,
    ImmutableList<Integer> mcHashes,
    boolean clearToSend,
    int apiVersion,
    int features,
    int xcastMode,
    ImmutableList<Integer> vlans,
    ImmutableList<Long> macvlans,
    int maxFrame,
    int portVlan,
    int portQos,
    boolean trusted,
    boolean spoofCheck,
    boolean rssQueryEnabled,
    boolean linkEnable,
    int txRate,
    boolean rxEnabled,
    boolean txEnabled,
    boolean queueDropEnable) {
  public PfVfState {
    mcHashes = ImmutableList.copyOf(mcHashes);
    vlans = ImmutableList.copyOf(vlans);
    macvlans = ImmutableList.copyOf(macvlans);
  }
}
