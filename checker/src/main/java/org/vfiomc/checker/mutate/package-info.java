/**
 * Mutation analysis of a suite's spec modules ({@code checker mutate}): how many small, plausible
 * bugs seeded into a spec its own HOLDS models notice.
 *
 * <p>Key types: {@link org.vfiomc.checker.mutate.MutationRunner} (baseline check, module discovery,
 * parse check, parallel mutant checks), {@link org.vfiomc.checker.mutate.SanyClient} (forks {@code
 * org.vfiomc.checker.sany.SanyChild} by class name through {@code tlc.ChildJvm}), {@link
 * org.vfiomc.checker.mutate.SourceText} (SANY line/column spans to text edits), {@link
 * org.vfiomc.checker.mutate.MutantId} and {@link org.vfiomc.checker.mutate.EquivalentMutants} (the
 * suite's {@code mutants.json}), {@link org.vfiomc.checker.mutate.Cleanup} (temp dirs and child
 * processes, also on SIGTERM), and the reports ({@link org.vfiomc.checker.mutate.MutationText},
 * {@link org.vfiomc.checker.mutate.MutationJson}, {@link
 * org.vfiomc.checker.mutate.MutationJunitXml}; format in {@code checker/docs/mutate-json.md}).
 *
 * <p>Invariants: this package imports nothing of TLC or SANY (the semantic tree is read in the
 * child, which hands back locations and replacement texts); mutants are checked through {@link
 * org.vfiomc.checker.run.ModelChecker} in a copy of the suite's {@code .tla}/{@code .cfg} tree
 * whose layout is kept, so modules resolve as they do for the unmutated suite; every temp dir is
 * registered with the run's {@code Cleanup}.
 */
package org.vfiomc.checker.mutate;
