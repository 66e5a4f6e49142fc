/**
 * The TLC adapter: the only package that imports TLC ({@code tlc2.*}, {@code tla2sany.*}, {@code
 * util.*}).
 *
 * <p>Parent side: {@link org.vfiomc.checker.tlc.ForkedTlcRunner} forks one JVM per model, reads its
 * JSON-lines link (progress events, then one result), enforces the wall-clock limit by killing the
 * process tree, and removes the run's temp directory. Child side: {@link
 * org.vfiomc.checker.tlc.TlcChild} runs TLC in-process with an {@code MPRecorder} ({@code
 * ChildRecorder}) that receives message codes and {@code TLCStateInfo} objects, converts values
 * ({@code ValueConverter}), labels counterexample steps with action names and parameters ({@code
 * ActionMatcher}, re-splitting state-dependent {@code \E} per state with {@code ActionRefiner}),
 * samples progress every 2 s ({@code ProgressSampler}; TLC reports only once a minute) and
 * classifies failures ({@code ErrorDiagnosis}, {@code ConfigCheck}). TLC runs with {@code -fp 0
 * -seed 0 -lncheck final}, so counterexamples (temporal ones included) are reproducible: by default
 * TLC also checks liveness periodically on the partial graph, on a wall-clock schedule, so a loaded
 * machine got a shorter lasso ({@code VfioFsm_K1Live}: 5 states instead of 7).
 *
 * <p>Exploration: {@link org.vfiomc.checker.tlc.ForkedExplorer} forks {@link
 * org.vfiomc.checker.tlc.ExploreChild}, which builds the labelled reachable graph with TLC's
 * evaluator ({@code Explorer}: {@code FP64.Init(0)}, {@code FastTool}, per-state refinement by
 * {@code ActionRefiner}, CONSTRAINT / ACTION_CONSTRAINT honoured, nodes by VIEW when the cfg has
 * one) and hands it back as a file ({@link org.vfiomc.checker.explore.GraphCodec}).
 *
 * <p>Invariants: results travel as data (the internal form of {@link
 * org.vfiomc.checker.result.OutcomeJson}, written and read without Jackson by {@link
 * org.vfiomc.checker.result.OutcomeText} to keep start-up cheap), never as scraped TLC text; SANY
 * and TLC evaluation-error positions are the one exception, because they exist only as message
 * text. Each run has its own metadir, {@code java.io.tmpdir} and working directory under the system
 * temp dir, deleted afterwards; a timeout, an interrupt or the checker's own shutdown kills the
 * child's whole process tree.
 */
package org.vfiomc.checker.tlc;
