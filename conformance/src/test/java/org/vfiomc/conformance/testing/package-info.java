/**
 * Test utilities shared by the property tests of every package: {@link
 * org.vfiomc.conformance.testing.Shrinker}, the one delta-debugging shrinker for failing action
 * sequences (seeded runs, no property-testing library).
 */
package org.vfiomc.conformance.testing;
