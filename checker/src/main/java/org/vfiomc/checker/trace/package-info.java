/**
 * Traces as plain data and their ITF JSON codec; the contract between checker and conformance.
 *
 * <p>Key types: {@link org.vfiomc.checker.trace.TlaValue} (sealed: integers, booleans, strings,
 * model values, sequences, tuples, records, sets, functions), {@link
 * org.vfiomc.checker.trace.Trace} and {@link org.vfiomc.checker.trace.TraceStep}, {@link
 * org.vfiomc.checker.trace.ItfCodec} (Apalache ADR-015, Jackson) and {@link
 * org.vfiomc.checker.trace.TraceFormatException}; {@link org.vfiomc.checker.trace.ItfWriter}
 * streams the same encoding with Jackson's core generator only, for the short-lived forked TLC
 * processes where loading data binding would dominate the start-up. Jackson is the one JSON codec.
 *
 * <p>Invariants: values are immutable and canonical within their form (sets sorted and
 * deduplicated, function and record keys sorted by {@link
 * org.vfiomc.checker.trace.TlaValue#ORDER}), so equal values of one form are {@code equals} and
 * encode to identical JSON. Across forms (a {@code #map} on {@code 1..n} and a sequence, a {@code
 * #map} on strings and a record, a tuple and a sequence) TLA+ equality is {@link
 * org.vfiomc.checker.trace.TlaEquality}, which validation and replay use. This package imports
 * nothing from TLC and nothing from other checker packages (the allow-lists of {@code
 * ArchitectureTest} enforce it).
 */
package org.vfiomc.checker.trace;
