/**
 * The result model: what checking a model concluded, as immutable values.
 *
 * <p>Key types: {@link org.vfiomc.checker.result.CheckOutcome} (sealed: Holds, Violated, Failed,
 * TimedOut), {@link org.vfiomc.checker.result.Verdict}, {@link
 * org.vfiomc.checker.result.ViolationKind}, {@link org.vfiomc.checker.result.ErrorInfo}, {@link
 * org.vfiomc.checker.result.Stats}, {@link org.vfiomc.checker.result.Expectation} and {@link
 * org.vfiomc.checker.result.ModelResult}; {@link org.vfiomc.checker.result.OutcomeJson} is the one
 * JSON form used both by the results file and by the forked TLC process reporting back, and {@link
 * org.vfiomc.checker.result.OutcomeReader} reads it back checking every field ({@code checker
 * report}, {@code traces --results}, the TLC link).
 *
 * <p>Invariants: a VIOLATED outcome always carries a trace with at least one state; TIMEOUT and
 * ERROR are kept apart from VIOLATED (as JUnit keeps ABORTED apart from FAILED).
 */
package org.vfiomc.checker.result;
