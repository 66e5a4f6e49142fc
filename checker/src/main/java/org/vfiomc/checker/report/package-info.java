/**
 * Reports of a run: the console report (summary table, counterexamples showing only changed
 * variables, errors with positions) and the machine-readable formats.
 *
 * <p>Key types: {@link org.vfiomc.checker.report.ConsoleReport}, {@link
 * org.vfiomc.checker.report.ReportFormat} (JSON results document, JUnit XML written with {@code
 * XMLStreamWriter}), {@link org.vfiomc.checker.report.ReportWriter}.
 *
 * <p>Invariants: every report is derived from the same {@code ModelResult} list; writers take an
 * injected {@code Writer}/{@code PrintWriter} and never touch standard streams.
 */
package org.vfiomc.checker.report;
