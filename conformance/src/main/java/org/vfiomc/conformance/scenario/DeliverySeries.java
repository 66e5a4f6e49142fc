package org.vfiomc.conformance.scenario;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What happened to the frames of one {@link VfVm} run over simulated time, in equal buckets: how
 * many frames reached the guest stack, were dropped and counted, were lost or were corrupted in
 * each bucket. The series stays compact whatever the run's length: it starts with buckets of one
 * {@link VfVm#TICK_NANOS tick} and, whenever an event falls beyond {@link #MAX_BUCKETS} buckets,
 * merges neighbouring buckets in pairs and doubles the width, so it never holds more than {@code
 * MAX_BUCKETS} buckets and a bucket is at most twice as wide as the run needs.
 *
 * <p>Not thread-safe; one run, one series (the VM is single-threaded).
 */
public final class DeliverySeries {
  /** Most buckets a series holds. */
  public static final int MAX_BUCKETS = 1024;

  /** The fate of a frame the series counts. */
  public enum Kind {
    /** reached the guest stack (first delivery), counted at the delivery time */
    DELIVERED,
    /** dropped by a VF and counted, at the drop time */
    DROPPED,
    /** neither delivered nor dropped at the end of the run, at the frame's arrival time */
    LOST,
    /** delivered with wrong bytes, or bytes of no frame sent, at the delivery time */
    CORRUPTED
  }

  private long bucketNanos = VfVm.TICK_NANOS;
  private final Map<Kind, long[]> counts = new EnumMap<>(Kind.class);
  private int used;

  public DeliverySeries() {
    for (Kind k : Kind.values()) {
      counts.put(k, new long[MAX_BUCKETS]);
    }
  }

  /** Counts one frame of {@code kind} at simulated time {@code atNanos}. */
  public void add(Kind kind, long atNanos) {
    checkArgument(atNanos >= 0, "negative time %s", atNanos);
    while (atNanos / bucketNanos >= MAX_BUCKETS) {
      widen();
    }
    int i = (int) (atNanos / bucketNanos);
    counts.get(kind)[i]++;
    used = Math.max(used, i + 1);
  }

  private void widen() {
    for (long[] c : counts.values()) {
      for (int i = 0; i < MAX_BUCKETS / 2; i++) {
        c[i] = c[2 * i] + c[2 * i + 1];
      }
      Arrays.fill(c, MAX_BUCKETS / 2, MAX_BUCKETS, 0);
    }
    used = (used + 1) / 2;
    bucketNanos *= 2;
  }

  /** The series as it stands: the same number of buckets for every kind. */
  public Snapshot snapshot() {
    Map<Kind, List<Long>> out = new EnumMap<>(Kind.class);
    counts.forEach(
        (k, c) -> {
          List<Long> l = new ArrayList<>(used);
          for (int i = 0; i < used; i++) {
            l.add(c[i]);
          }
          out.put(k, List.copyOf(l));
        });
    return new Snapshot(bucketNanos, out);
  }

  /**
   * A series, frozen.
   *
   * @param bucketNanos the width of every bucket: bucket {@code i} covers {@code [i*w, (i+1)*w)}
   * @param counts per kind, frames per bucket up to the last bucket holding any frame
   */
  public record Snapshot(long bucketNanos, Map<Kind, List<Long>> counts) {
    public Snapshot {
      counts = Collections.unmodifiableMap(new EnumMap<>(counts));
    }

    /** An empty series. */
    public static Snapshot empty() {
      return new DeliverySeries().snapshot();
    }
  }
}
