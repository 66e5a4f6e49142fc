/**
 * The command line: {@code checker check|traces|validate|report ...}; it wires the forked-JVM
 * implementations of {@link org.vfiomc.checker.run.ModelChecker} and {@link
 * org.vfiomc.checker.run.StateGraphExplorer} into the commands.
 *
 * <p>Key types: {@link org.vfiomc.checker.cli.Main} (the only class touching standard streams and
 * {@code System.exit}), {@code CheckCommand} (picocli; fills the immutable {@link
 * org.vfiomc.checker.run.CheckOptions}), {@code ExitCodes} (0 as expected, 1 mismatch, 2 input
 * error, 3 tool failure), {@code ProgressPrinter} (live status line on standard error), {@code
 * ReportCommand} (the report of a results file).
 */
package org.vfiomc.checker.cli;
