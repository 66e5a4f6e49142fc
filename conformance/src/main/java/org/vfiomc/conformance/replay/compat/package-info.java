/**
 * The replay binding of {@code specs/VfioCompat/VfioCompat.tla} (migration compatibility, seed 003)
 * onto management's destination picker ({@code orchestrator.DestinationPicker}) and the
 * compatibility policy ({@code vfio.CompatPolicy}).
 */
package org.vfiomc.conformance.replay.compat;
