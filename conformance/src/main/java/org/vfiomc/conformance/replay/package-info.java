/**
 * Replay conformance: ITF traces generated from the TLA+ specs are replayed step by step against
 * the Java implementation (migration device, orchestrator, 82599 VF), and the implementation's
 * state, projected onto the spec's variables, is compared with the trace's state after every step.
 *
 * <p>Key types: {@link org.vfiomc.conformance.replay.TraceFile} (an ITF file with its {@code
 * #meta}: module, kind, property, constants), {@link org.vfiomc.conformance.replay.ActionSource}
 * (one step's action tag and parameters, with JSON pointers for errors), {@link
 * org.vfiomc.conformance.replay.SpecBinding} (per spec module: decodes actions into a typed,
 * per-spec sealed {@link org.vfiomc.conformance.replay.SpecAction}, configures a {@link
 * org.vfiomc.conformance.replay.SystemUnderTest} from the constants), {@link
 * org.vfiomc.conformance.replay.Replayer} (the loop; {@link
 * org.vfiomc.conformance.replay.Replayer.Plan} is a trace decoded once into typed actions and
 * expected states, replayable any number of times), {@link org.vfiomc.conformance.replay.Constants}
 * and {@link org.vfiomc.conformance.replay.ActionSource#tagIn} (decoding helpers bindings share),
 * {@link org.vfiomc.conformance.replay.Discrepancy} (sealed: missing action, unexpected action,
 * state mismatch, packet lost, packet corrupted) and {@link
 * org.vfiomc.conformance.replay.ReplayReport}.
 *
 * <p>Invariants: malformed input (bad JSON, missing variable, wrong value type, unknown action tag,
 * missing or mistyped parameter, unsupported constant) is a {@link
 * org.vfiomc.checker.trace.TraceFormatException} naming file, step and JSON pointer, never a
 * discrepancy and never skipped; the replay stops at the first discrepancy; variables a binding
 * cannot observe are listed in the report, never silently skipped; every step's whole projected
 * state is compared (a variable whose actual and expected value instances are the pair last found
 * equal is equal without a deep comparison: values are immutable). Only {@code
 * org.vfiomc.checker.trace} is used from the checker. A {@link
 * org.vfiomc.conformance.replay.Replayer} is given its bindings; the bindings ({@code replay.vfio},
 * {@code replay.rxdma}) depend on this package, never the reverse, and the CLI owns their list.
 */
package org.vfiomc.conformance.replay;
