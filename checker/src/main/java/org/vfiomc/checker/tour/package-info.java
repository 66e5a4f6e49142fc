/**
 * The trace corpus behind {@code checker traces}: edge tours of HOLDS models ({@link
 * org.vfiomc.checker.tour.TourBuilder}, greedy nearest-uncovered-edge walk), TLC counterexamples of
 * VIOLATED models, written as ITF exactly per the issue 6 contract ({@link
 * org.vfiomc.checker.tour.ItfDocument}), with a coverage report and a provenance README ({@link
 * org.vfiomc.checker.tour.CorpusReport}); {@link org.vfiomc.checker.tour.CorpusFiles} writes or
 * checks the folder. Models are checked and explored through {@link
 * org.vfiomc.checker.run.ModelChecker} and {@link org.vfiomc.checker.run.StateGraphExplorer}, as
 * {@code check} does; the CLI supplies the implementations.
 *
 * <p>Invariants: the corpus is a pure function of the specs (no timestamps, no hash order), so
 * regenerating gives identical bytes; a model gets no tour only with a stated reason in the report.
 */
package org.vfiomc.checker.tour;
