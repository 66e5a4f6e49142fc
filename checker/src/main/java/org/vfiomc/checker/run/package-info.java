/**
 * Running a set of models: option value, model selection (paths, manifests, profiles), parallel
 * execution and progress reporting.
 *
 * <p>Key types: {@link org.vfiomc.checker.run.CheckOptions} (immutable, filled by the CLI), {@link
 * org.vfiomc.checker.run.SuiteRunner}, {@link org.vfiomc.checker.run.ModelChecker} and {@link
 * org.vfiomc.checker.run.StateGraphExplorer} (one method each; the forked-JVM implementations live
 * in the TLC adapter, and {@code check}, {@code traces} and {@code validate} reach TLC only through
 * them), {@link org.vfiomc.checker.run.JitMode}, {@link org.vfiomc.checker.run.ProgressListener}.
 *
 * <p>Invariants: results come back in input order whatever the parallelism; this package never
 * touches TLC.
 */
package org.vfiomc.checker.run;
