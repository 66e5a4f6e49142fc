/**
 * Which models to check and what they should yield: the suite manifest ({@code suite.json}) and
 * single {@code .tla} paths.
 *
 * <p>Key types: {@link org.vfiomc.checker.spec.Manifest} (loading and validation), {@link
 * org.vfiomc.checker.spec.ModelSpec}, {@link org.vfiomc.checker.spec.Profile}, {@link
 * org.vfiomc.checker.spec.ManifestException} (names file and field).
 *
 * <p>Invariants: every loaded {@code ModelSpec} has absolute paths to existing files and a valid
 * expectation; names are unique within a manifest and are safe file names (one segment, no {@code
 * ..}); a manifest lists at least one model and has no field outside the documented ones.
 */
package org.vfiomc.checker.spec;
