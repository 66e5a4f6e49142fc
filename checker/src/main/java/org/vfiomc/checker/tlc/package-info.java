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
 * ActionMatcher}) and classifies failures ({@code ErrorDiagnosis}, {@code ConfigCheck}).
 *
 * <p>Invariants: results travel as data (JSON of {@link org.vfiomc.checker.result.OutcomeJson}),
 * never as scraped TLC text; SANY error positions are the one exception, because SANY reports them
 * only as text. Each run has its own metadir and {@code java.io.tmpdir}.
 */
package org.vfiomc.checker.tlc;
