/**
 * The TLC adapter, child side: everything that runs inside a forked JVM, and the only package that
 * imports TLC ({@code tlc2.*}, {@code tla2sany.*}, {@code util.*}).
 *
 * <p>{@link org.vfiomc.checker.tlc.child.TlcChild} runs TLC in-process with an {@code MPRecorder}
 * ({@code ChildRecorder}) that receives message codes and {@code TLCStateInfo} objects, converts
 * values ({@code ValueConverter}), labels counterexample steps with action names and parameters
 * ({@code ActionMatcher}, re-splitting state-dependent {@code \E} per state with {@code
 * ActionRefiner}), samples progress every 2 s ({@code ProgressSampler}; TLC reports only once a
 * minute), classifies failures ({@code ErrorDiagnosis}: spec runtime errors are semantic with their
 * position and a one-line cause) and warns of configuration lines TLC ignores ({@code ConfigCheck},
 * never stricter than TLC; warnings go to standard error as {@code vfiomc-warning:} lines that the
 * checker passes to its progress listener); it reports through {@code ChildChannel} as {@link
 * org.vfiomc.checker.tlc.link.ChildMessage}s. TLC runs with {@code -fp 0 -seed 0 -lncheck final},
 * so counterexamples (temporal ones included) are reproducible: by default TLC also checks liveness
 * periodically on the partial graph, on a wall-clock schedule, so a loaded machine got a shorter
 * lasso ({@code VfioFsm_K1Live}: 5 states instead of 7).
 *
 * <p>{@link org.vfiomc.checker.tlc.child.ExploreChild} builds the labelled reachable graph with
 * TLC's evaluator ({@code Explorer}: {@code FP64.Init(0)}, {@code FastTool}, per-state refinement
 * by {@code ActionRefiner}, CONSTRAINT / ACTION_CONSTRAINT honoured, nodes by VIEW when the cfg has
 * one) and hands it back as a file ({@link org.vfiomc.checker.explore.GraphCodec}); when it fails
 * it prints one {@code vfiomc-error:} line (kind, file:line:column, cause) instead of TLC's frames.
 *
 * <p>Invariants: SANY and TLC evaluation-error positions are the one thing read from message text,
 * because they exist only there; the two main classes are, with {@code cli.Main}, the only code
 * touching standard streams and {@code System.exit} (TLC leaves RMI threads alive). Both start
 * {@code tlc.link.ParentWatch} first: a child whose checker is gone, however it died, deletes its
 * work directory and halts within about half a second.
 */
package org.vfiomc.checker.tlc.child;
