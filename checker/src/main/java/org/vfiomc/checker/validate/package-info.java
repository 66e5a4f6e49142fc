/**
 * Trace validation, the emulator-to-spec direction ({@code checker validate}): a recorded run (ITF,
 * each step with an action name, optional parameters and an optional partial state) is accepted
 * exactly when some behaviour of the spec explains it. {@link
 * org.vfiomc.checker.validate.TraceValidator} keeps the set of spec states consistent with the
 * prefix read so far (CCF-style), following the model's labelled state graph, and answers with a
 * {@link org.vfiomc.checker.validate.ValidationOutcome}. {@link
 * org.vfiomc.checker.validate.ModelGraphs} is the entry point for other modules' tests: it explores
 * a model (forked, through {@link org.vfiomc.checker.run.StateGraphExplorer}) and gives the
 * validator.
 *
 * <p>Invariants: values are compared by TLA+ equality in ITF's view ({@link
 * org.vfiomc.checker.trace.TlaEquality#itfEquals}: a {@code #map} on {@code 1..n} equals the
 * sequence, one on strings the record, a tuple the sequence, a model value the string of its name),
 * so a file written by any ITF tool (Apalache, Quint; Quint's MBT variables through {@link
 * org.vfiomc.checker.validate.QuintMbt}) compares as the spec's own; the candidate sets and the
 * report are deterministic (ordered by state index).
 */
package org.vfiomc.checker.validate;
