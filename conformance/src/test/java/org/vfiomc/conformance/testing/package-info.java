/**
 * Test utilities shared by the property tests of every package: {@link
 * org.vfiomc.conformance.testing.StatefulProperty}, the one stateful-property engine (seeded runs
 * with {@link java.util.SplittableRandom}, preconditions, postconditions, invariants, coverage per
 * action kind and per labelled state, shrinking, a failure message with the seed and the shrunk
 * sequence), and {@link org.vfiomc.conformance.testing.Shrinker}, the delta-debugging shrinker it
 * uses (also used directly where the input is not an action sequence of a stateful system). No
 * property-testing library and no JUnit dependency: a failure is an {@link AssertionError}.
 */
package org.vfiomc.conformance.testing;
