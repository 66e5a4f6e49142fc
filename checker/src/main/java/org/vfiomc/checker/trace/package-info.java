/**
 * Traces as plain data and their ITF JSON codec; the contract between checker and conformance.
 *
 * <p>Key types: {@link org.vfiomc.checker.trace.TlaValue} (sealed: integers, booleans, strings,
 * model values, sequences, tuples, records, sets, functions), {@link
 * org.vfiomc.checker.trace.Trace} and {@link org.vfiomc.checker.trace.TraceStep}, {@link
 * org.vfiomc.checker.trace.ItfCodec} (Apalache ADR-015, Jackson) and {@link
 * org.vfiomc.checker.trace.TraceFormatException}; {@link org.vfiomc.checker.trace.ItfText} and
 * {@link org.vfiomc.checker.trace.JsonLite} write and read the same encoding without Jackson, for
 * the short-lived checker processes where Jackson's start-up would dominate.
 *
 * <p>Invariants: values are immutable and canonical (sets sorted and deduplicated, function and
 * record keys sorted by {@link org.vfiomc.checker.trace.TlaValue#ORDER}), so TLA+-equal values are
 * {@code equals} and encode to identical JSON. This package imports nothing from TLC and nothing
 * from other checker packages (an ArchUnit rule enforces it).
 */
package org.vfiomc.checker.trace;
