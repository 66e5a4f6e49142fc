package org.vfiomc.conformance.vfio;

/** How an injected arc failure leaves the device (both are allowed by the uAPI's failure rules). */
public enum ArcFault {
  /** The arc fails; the device stays in the arc's source state, still a state of the path. */
  FAIL_STAY,
  /** The arc fails and the device cannot restore a valid state: it enters ERROR. */
  FAIL_TO_ERROR
}
