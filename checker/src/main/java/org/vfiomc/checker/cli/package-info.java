/**
 * The command line: {@code checker check PATH... [options]}.
 *
 * <p>Key types: {@link org.vfiomc.checker.cli.Main} (the only class touching standard streams and
 * {@code System.exit}), {@code CheckCommand} (picocli; fills the immutable {@link
 * org.vfiomc.checker.run.CheckOptions}), {@code ExitCodes} (0 as expected, 1 mismatch, 2 input
 * error, 3 tool failure), {@code ProgressPrinter} (live status line on standard error).
 */
package org.vfiomc.checker.cli;
