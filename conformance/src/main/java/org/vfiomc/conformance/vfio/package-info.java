/**
 * The VFIO migration protocol v2 device: the state machine as data, data sessions, and the
 * migration data stream. Facts from the kernel: {@code include/uapi/linux/vfio.h} (the uAPI) and
 * {@code vfio_mig_get_next_state()} in {@code drivers/vfio/vfio_main.c}; the protocol's specs are
 * {@code specs/VfioFsm/VfioFsm.tla}, {@code specs/VfioP2p/VfioP2p.tla} and {@code
 * specs/VfioMigration/VfioMigration.tla} (see {@code specs/README.md}).
 *
 * <h2>Key types</h2>
 *
 * <ul>
 *   <li>{@link org.vfiomc.conformance.vfio.MigrationState} (uAPI names and ABI values 0-7), {@link
 *       org.vfiomc.conformance.vfio.MigrationFeatures} (flag sets 1, 3, 5, 7), {@link
 *       org.vfiomc.conformance.vfio.Arc}.
 *   <li>{@link org.vfiomc.conformance.vfio.MigrationArcs}: the kernel's next-state table, direct
 *       arcs per feature set (6/8/9/15), the fixed next-step algorithm (the blocked
 *       STOP_COPY→PRE_COPY(_P2P) cells terminate as -EINVAL; {@code nextStepBeforeFix} models the
 *       pre-2026 endless loop), and {@code resolve} → {@link org.vfiomc.conformance.vfio.SetPath}.
 *   <li>{@link org.vfiomc.conformance.vfio.VfioMigrationDevice} over a {@link
 *       org.vfiomc.conformance.vfio.MigratableFunction} (the interface the 82599 VF implements):
 *       SET one arc at a time, {@link org.vfiomc.conformance.vfio.DataFd} sessions, precopy info,
 *       stop-copy size, reset, fault injection, arc listeners.
 *   <li>{@link org.vfiomc.conformance.vfio.MigrationStreamWriter} / {@link
 *       org.vfiomc.conformance.vfio.MigrationStreamReader}: the stream format ({@link
 *       org.vfiomc.conformance.vfio.StreamFormat}, errors as {@link
 *       org.vfiomc.conformance.vfio.StreamError}); {@link
 *       org.vfiomc.conformance.vfio.MigrationVersion} and {@link
 *       org.vfiomc.conformance.vfio.Compatibility}: the compatibility string and its check against
 *       a {@link org.vfiomc.conformance.vfio.FunctionIdentity}.
 *   <li>Results of the device's calls as values, as the uAPI returns them: {@link
 *       org.vfiomc.conformance.vfio.SetResult}, {@link org.vfiomc.conformance.vfio.ReadResult},
 *       {@link org.vfiomc.conformance.vfio.WriteResult}, {@link
 *       org.vfiomc.conformance.vfio.PrecopyInfo}, {@link org.vfiomc.conformance.vfio.Errno}.
 *   <li>Fault injection and observation: {@link org.vfiomc.conformance.vfio.ArcFault}, {@link
 *       org.vfiomc.conformance.vfio.ArcFaultInjector}, {@link
 *       org.vfiomc.conformance.vfio.ArcListener}, {@link org.vfiomc.conformance.vfio.LoadDefect}.
 * </ul>
 *
 * <p>This package depends on nothing of the project (JDK and Guava only): the 82599 VF ({@code
 * emulator}), the fakes ({@code function}) and the orchestrator all depend on it.
 *
 * <h2>Device invariants</h2>
 *
 * At most one live session; saving session live iff the state is PRE_COPY, PRE_COPY_P2P or
 * STOP_COPY (one session shared by the three), resuming session iff RESUMING; a new data fd exactly
 * when an arc starts a session (STOP→STOP_COPY, RUNNING→PRE_COPY, RUNNING_P2P→PRE_COPY_P2P,
 * STOP→RESUMING); fds of ended sessions return ENODEV. Saving reads: the initial image, then a new
 * image each time the running function changed, ENOMSG when nothing is pending (PRE_COPY states
 * only); in STOP_COPY the final state then END, then 0 bytes forever. Precopy info: {@code
 * initial_bytes} only shrinks, {@code dirty_bytes} = queued unread increments plus the pending one.
 * The function is quiesced (no DMA, interrupts or state change) in STOP, STOP_COPY, RESUMING and
 * ERROR, and has new outbound P2P blocked in those and the *_P2P states (blocking completes the
 * outstanding P2P first). ERROR is entered only through an injected {@code FAIL_TO_ERROR}; reset
 * returns to RUNNING, ends every session and resets the function.
 *
 * <h2>Migration data stream, format version 1</h2>
 *
 * All integers big-endian; CRC32C is the Castagnoli CRC ({@link java.util.zip.CRC32C}).
 *
 * <pre>
 * offset  size  header
 *   0      4    magic "VFMS" = 56 46 4d 53
 *   4      2    format version = 1
 *   6      2    L = length of the migration version string, 1..256
 *   8      L    migration version string, ASCII, e.g. 1b36:00ff/synthetic-fn/stream-1/state-1
 *   8+L    4    CRC32C of bytes 0 .. 8+L-1
 *
 * then sections, each:
 *   0      1    type: 0x01 PRECOPY_IMAGE, 0x02 FINAL_STATE, 0x03 PRECOPY_DELTA,
 *               0x04 FINAL_DELTA, 0xff END
 *   1      4    sequence number: 0 for the first section, +1 for each next one
 *   5      4    n = payload length, at most 16 MiB
 *   9      n    payload (opaque function state; END: u32 section count, u32 CRC32C of every
 *               stream byte before the END section)
 *   9+n    4    CRC32C of the section's bytes 0 .. 9+n-1
 * </pre>
 *
 * Order: PRECOPY_IMAGE* FINAL_STATE END, nothing after END. A saving session started in STOP (no
 * PRE_COPY) has no image. The destination loads the FINAL_STATE payload only (images are
 * superseded). With incremental images ({@link org.vfiomc.conformance.vfio.ImageMode#DELTA}, a
 * device option after mlx5's incremental SAVE) every image after the initial one is an increment
 * ({@link org.vfiomc.conformance.vfio.DeltaImage}: byte runs over a named base): PRECOPY_IMAGE
 * PRECOPY_DELTA* FINAL_DELTA END; the destination applies them in order to the initial image, and a
 * correct one rejects an increment whose base is not the image before it (a lost, reordered or
 * stale image). RESUMING→STOP rejects, with a {@link org.vfiomc.conformance.vfio.StreamError}
 * naming the kind and byte offset: truncation, bad magic, other format version, bad header length,
 * header/section/stream CRC mismatch, incompatible version string, oversized section, unknown type,
 * wrong sequence (reordered, dropped or duplicated sections), missing final state, bad END,
 * trailing bytes, and a payload the function refuses. The SET then fails with EINVAL and the device
 * stays in RESUMING with its session and bytes (a truncated stream can be completed and the SET
 * retried); nothing is loaded. Writes beyond the device's limit (64 MiB by default) fail with
 * EFBIG. A device can be configured with {@link org.vfiomc.conformance.vfio.LoadDefect}s (a broken
 * validation that loads a truncated or reordered stream, or applies increments unchecked) and
 * {@link org.vfiomc.conformance.vfio.SaveDefect}s (a {@code dirty_bytes} under-report, a stale
 * dirty image) for conformance tests.
 *
 * <h2>Compatibility</h2>
 *
 * After the {@code migration_version} attribute proposed for VFIO in 2020: the source reports
 * {@code VVVV:DDDD/model/stream-F/state-S}; a target says compatible iff PCI ids and model match,
 * it reads stream format F, and S is within its loadable state versions. Orchestrators check this
 * before migrating; the stream header carries the string so a target re-checks it on load.
 */
package org.vfiomc.conformance.vfio;
