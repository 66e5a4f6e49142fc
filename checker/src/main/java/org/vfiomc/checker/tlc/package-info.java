/**
 * The TLC adapter, parent side: runs in the checker's JVM and never imports TLC ({@code tlc2.*},
 * {@code tla2sany.*}, {@code util.*}). {@link org.vfiomc.checker.tlc.ForkedTlcRunner} (a {@link
 * org.vfiomc.checker.run.ModelChecker}) forks TLC JVMs ({@link
 * org.vfiomc.checker.tlc.child.TlcChild}), each checking up to {@code --reuse-jvm} models in turn,
 * every model in a class loader of its own ({@link org.vfiomc.checker.tlc.ReusedChild}), reads its
 * link ({@link org.vfiomc.checker.tlc.link.ChildLink}: progress messages, then one result),
 * enforces the wall-clock limit by killing the process tree, and removes the run's temp directory.
 * {@link org.vfiomc.checker.tlc.ForkedExplorer} (a {@link
 * org.vfiomc.checker.run.StateGraphExplorer}) forks {@link
 * org.vfiomc.checker.tlc.child.ExploreChild} and reads the graph file back ({@link
 * org.vfiomc.checker.explore.GraphCodec}).
 *
 * <p>Invariants: results travel as data, never as scraped TLC text; no two checks share TLC's
 * classes (a class loader per check); each check has its own metadir under its child's work
 * directory in the system temp dir, deleted afterwards; a timeout, an interrupt or the checker's
 * own shutdown kills the child's whole process tree. On SIGINT/SIGTERM one shutdown hook per runner
 * ({@code ChildProcesses}) kills the running children first and then deletes every work directory
 * ({@code vfiomc-tlc-*}, {@code vfiomc-explore-*}); a {@code kill -9} of the checker runs no hook,
 * so each child watches its parent itself ({@link org.vfiomc.checker.tlc.link.ParentLink}).
 */
package org.vfiomc.checker.tlc;
