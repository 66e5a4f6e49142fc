package org.vfiomc.conformance.vfio;

/**
 * What a reset that arrives while a SET holds the device's state mutex does (spec {@code VfioFsm}'s
 * {@code DeferredReset}). Such a reset can only arrive from inside an arc: an {@link ArcListener}'s
 * {@link ArcListener#insideArc} hook, the split point after the arc did its work and before the
 * driver loop records the arc's end state ({@code mvdev->mig_state = next_state} after {@code
 * mlx5vf_pci_step_device_state_locked} in {@code mlx5vf_pci_set_device_state}).
 */
public enum ResetRace {
  /**
   * The default, as mlx5 and pds: the reset is only recorded ({@code mlx5vf_pci_aer_reset_done}
   * sets {@code deferred_reset}, its trylock of the state mutex fails) and applied when the SET
   * releases the mutex, before the ioctl returns ({@code mlx5vf_state_mutex_unlock}: {@code
   * mig_state = RUNNING}, {@code mlx5vf_disable_fds}; {@code pds_vfio_state_mutex_unlock} the
   * same). {@code DeferredReset = TRUE}.
   */
  DEFERRED,
  /**
   * A driver without the deferral: the reset's bookkeeping (state RUNNING, sessions ended, fds
   * disabled, function reset) runs at once inside the arc, and the loop then records the arc's end
   * state over it, so the device sits in that state without its session (the race the deferral
   * exists to avoid; no driver found does this). {@code DeferredReset = FALSE}.
   */
  IMMEDIATE
}
