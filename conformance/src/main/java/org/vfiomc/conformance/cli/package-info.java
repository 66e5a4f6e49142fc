/**
 * The {@code conformance.jar} command line (picocli): {@code path} (SET request resolution, text or
 * JSON, one request or {@code --all}) and {@code simulate} (one migration over synthetic devices
 * until the 82599 VF is wired in). The only package that touches standard streams or exits. Exit
 * codes: 0 success, 1 negative answer (invalid request; migration failed, lossy or refused), 2
 * usage or input error, 3 internal failure.
 */
package org.vfiomc.conformance.cli;
