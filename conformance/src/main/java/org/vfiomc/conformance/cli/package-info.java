/**
 * The {@code conformance.jar} command line (picocli), the one package that wires the others
 * together.
 *
 * <p>Key types: {@link org.vfiomc.conformance.cli.Main} (the only class that touches standard
 * streams or exits), {@link org.vfiomc.conformance.cli.PathCommand} ({@code path}: SET request
 * resolution, text or JSON, one request or {@code --all}), {@link
 * org.vfiomc.conformance.cli.SimulateCommand} ({@code simulate}: one migration of a VM with an
 * 82599 VF under Rx traffic, or of N synthetic P2P devices, optionally recorded as an ITF run),
 * {@link org.vfiomc.conformance.cli.ReplayCommand} ({@code replay}: its {@link
 * org.vfiomc.conformance.cli.ReplayOptions} in, a {@link org.vfiomc.conformance.cli.ReplayResult}
 * out; {@code --repeat} runs {@link org.vfiomc.conformance.cli.ReplayBenchmark}) and {@link
 * org.vfiomc.conformance.cli.Bindings} (the registry of every replay binding, owned here so that
 * {@code replay} knows only the {@code SpecBinding} interface).
 *
 * <p>Exit codes (design.md's output contract): 0 success, 1 negative answer (invalid request;
 * migration failed, lossy or refused; a replay not as expected), 2 usage or input error, 3 internal
 * failure.
 */
package org.vfiomc.conformance.cli;
