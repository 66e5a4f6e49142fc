package org.vfiomc.checker.tlc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.vfiomc.checker.result.ActionCoverage;
import org.vfiomc.checker.result.CheckOutcome;
import org.vfiomc.checker.result.ErrorInfo;
import org.vfiomc.checker.result.ErrorKind;
import org.vfiomc.checker.result.ModelResult;
import org.vfiomc.checker.result.ModelSource;
import org.vfiomc.checker.result.Stats;
import org.vfiomc.checker.run.CheckOptions;
import org.vfiomc.checker.run.ModelChecker;
import org.vfiomc.checker.run.Progress;
import org.vfiomc.checker.run.ProgressListener;
import org.vfiomc.checker.run.TlcFlags;
import org.vfiomc.checker.spec.ModelSpec;
import org.vfiomc.checker.spec.SpecFingerprint;
import org.vfiomc.checker.tlc.child.DistributedServerChild;
import org.vfiomc.checker.tlc.child.TlcChild;
import org.vfiomc.checker.tlc.link.ChildExit;
import org.vfiomc.checker.tlc.link.ChildLink;
import org.vfiomc.checker.tlc.link.ChildMessage;
import org.vfiomc.checker.tlc.link.LinkException;
import org.vfiomc.checker.tlc.link.ModuleSearch;
import org.vfiomc.checker.tlc.link.ParentLink;

/**
 * Checks models in forked JVMs ({@link TlcChild}): TLC keeps static global state and calls {@code
 * System.exit} on some error paths, so a check never runs in the checker's JVM. A child checks up
 * to {@link #jobsPerJvm} models in turn, each in a class loader of its own ({@link ReusedChild});
 * with 1, or for a distributed check, a graph dump or the standby child, a model gets a JVM of its
 * own. Each child gets a fresh directory under the system temp dir holding TLC's {@code -metadir}
 * (one folder per job), the child's {@code java.io.tmpdir} and working directory; it is deleted
 * afterwards. On timeout the child and all its descendants are killed. A {@code System.exit} inside
 * TLC ends the child: the job it was running fails, as it would in a JVM of its own.
 */
public final class ForkedTlcRunner implements ModelChecker {
  private static final int STDERR_TAIL_LINES = 20;

  /**
   * Models a child JVM checks in turn unless told otherwise. Each job leaves TLC's parked
   * state-queue threads and its classes behind in the child, so a child ends after this many; with
   * 8, the children of a CI-suite check peaked at 243-1,146 MB resident (README, "Reused TLC
   * JVMs"), and most of the saving (a JVM's start and warm-up per model) is kept.
   */
  public static final int DEFAULT_JOBS_PER_JVM = CheckOptions.DEFAULT_JOBS_PER_JVM;

  /** The state-graph dump's name in the run's work dir. */
  private static final String DOT_FILE = "graph.dot";

  /** The child's {@code java.io.tmpdir} in its work dir. */
  static final String TMP_DIR = "tmp";

  private final int workers;
  private final Path tempRoot;
  private final List<String> jvmOptions;
  private final TlcFlags flags;
  private final ChildJvm jvm = ChildJvm.ofThisProcess();
  private final ChildProcesses children = new ChildProcesses();

  /** A child started ahead for the first model ({@link StandbyChild}); null once used or none. */
  private final AtomicReference<StandbyChild> standby;

  /**
   * Models one child JVM checks in turn, each in a class loader of its own ({@link ReusedChild}); 1
   * starts a JVM per model.
   */
  private final int jobsPerJvm;

  /** Reused children between two jobs. */
  private final IdleChildren idle;

  /** Reused children started so far (for tests: how many JVMs a sequence of models took). */
  private final AtomicInteger reusedStarted = new AtomicInteger();

  /**
   * @param workers TLC worker threads per model
   * @param jvmOptions extra options for the child JVM (e.g. {@code -Xmx4g})
   */
  public ForkedTlcRunner(int workers, List<String> jvmOptions) {
    this(workers, jvmOptions, null, TlcFlags.DEFAULT, null, DEFAULT_JOBS_PER_JVM);
  }

  /**
   * @param workers TLC worker threads per model
   * @param jvmOptions extra options for the child JVM (e.g. {@code -Xmx4g})
   * @param flags simulation, coverage, deadlock and graph-dump options for TLC
   */
  public ForkedTlcRunner(int workers, List<String> jvmOptions, TlcFlags flags) {
    this(workers, jvmOptions, null, flags, null, DEFAULT_JOBS_PER_JVM);
  }

  /**
   * @param workers TLC worker threads per model
   * @param jvmOptions extra options for the child JVM (e.g. {@code -Xmx4g})
   * @param flags simulation, coverage, deadlock and graph-dump options for TLC
   * @param standby a child started ahead, which the first model takes if it needs no JVM options of
   *     its own (otherwise it is closed); {@code null} for none
   */
  public ForkedTlcRunner(
      int workers, List<String> jvmOptions, TlcFlags flags, StandbyChild standby) {
    this(workers, jvmOptions, null, flags, standby, DEFAULT_JOBS_PER_JVM);
  }

  /**
   * @param workers TLC worker threads per model
   * @param jvmOptions extra options for the child JVM (e.g. {@code -Xmx4g})
   * @param flags simulation, coverage, deadlock and graph-dump options for TLC
   * @param standby a child started ahead (see above); {@code null} for none
   * @param jobsPerJvm models one child JVM checks in turn, each in a class loader of its own (1: a
   *     JVM per model)
   */
  public ForkedTlcRunner(
      int workers, List<String> jvmOptions, TlcFlags flags, StandbyChild standby, int jobsPerJvm) {
    this(workers, jvmOptions, null, flags, standby, jobsPerJvm);
  }

  /**
   * @param workers TLC worker threads per model
   * @param jvmOptions extra options for the child JVM (e.g. {@code -Xmx4g})
   * @param tempRoot where each run's temp directory is made ({@code null}: the system temp dir)
   */
  public ForkedTlcRunner(int workers, List<String> jvmOptions, Path tempRoot) {
    this(workers, jvmOptions, tempRoot, TlcFlags.DEFAULT, null, DEFAULT_JOBS_PER_JVM);
  }

  private ForkedTlcRunner(
      int workers,
      List<String> jvmOptions,
      Path tempRoot,
      TlcFlags flags,
      StandbyChild standby,
      int jobsPerJvm) {
    if (jobsPerJvm < 1) {
      throw new IllegalArgumentException("jobs per JVM must be at least 1");
    }
    this.jobsPerJvm = jobsPerJvm;
    this.idle = new IdleChildren(jobsPerJvm);
    this.standby = new AtomicReference<>(standby);
    this.tempRoot = tempRoot;
    this.flags = flags;
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1");
    }
    this.workers = workers;
    this.jvmOptions = List.copyOf(jvmOptions);
  }

  private static List<String> childOptions(List<String> options, ModelSpec model, Path work) {
    List<String> out = new ArrayList<>(options);
    out.addAll(ModuleSearch.jvmOptions(model.libraries()));
    out.addAll(ParentLink.jvmOptions(work));
    return out;
  }

  /** A runner with {@code workers} TLC workers and the default child JVM options. */
  public ForkedTlcRunner(int workers) {
    this(workers, List.of());
  }

  @Override
  public ModelResult check(ModelSpec model, ProgressListener listener) {
    long start = System.nanoTime();
    CheckOutcome outcome;
    List<String> properties = new ArrayList<>();
    AtomicReference<ModelSource> source = new AtomicReference<>(ModelSource.UNKNOWN);
    AtomicReference<List<ActionCoverage>> coverage = new AtomicReference<>(List.of());
    String fingerprint = "";
    try {
      fingerprint = SpecFingerprint.of(model); // before TLC reads the files
      StandbyChild ready = claimStandby(model);
      if (ready == null && reusable(model)) {
        outcome = reused(model, listener, start, properties, source, coverage);
        return result(model, start, outcome, properties, source, coverage, fingerprint);
      }
      try (ChildProcesses.Lease lease =
          ready != null
              ? children.lease(ready.work())
              : children.leaseNew(tempRoot, "vfiomc-tlc-")) {
        Path work = lease.work();
        outcome =
            ready != null
                ? handOver(ready, model, work, lease, listener, start, properties, source, coverage)
                : fork(model, work, lease, listener, start, properties, source, coverage);
        outcome = copyGraph(work, outcome);
      }
      if (outcome instanceof CheckOutcome.Failed f
          && f.error().message().startsWith(DistributedServerChild.UNCONFIRMED)) {
        // TLC's distributed counterexample is not a behaviour of the spec: find the real,
        // shortest one in one process (breadth first)
        ModelResult local =
            new ForkedTlcRunner(workers, jvmOptions, tempRoot, flags.local(), null, 1)
                .check(model, listener);
        return local;
      }
    } catch (IOException e) {
      outcome = toolFailure("cannot start the TLC process: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      outcome = toolFailure("interrupted");
    }
    return result(model, start, outcome, properties, source, coverage, fingerprint);
  }

  private ModelResult result(
      ModelSpec model,
      long start,
      CheckOutcome outcome,
      List<String> properties,
      AtomicReference<ModelSource> source,
      AtomicReference<List<ActionCoverage>> coverage,
      String fingerprint) {
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    return new ModelResult(
        model.name(),
        model.expected(),
        outcome,
        millis,
        properties,
        source.get().withSpecSha256(fingerprint),
        flags.search(),
        coverage.get());
  }

  /** Whether {@code model} can go to a reused child: a plain local check without a graph dump. */
  private boolean reusable(ModelSpec model) {
    return jobsPerJvm > 1
        && flags.distributed().isEmpty()
        && flags.dot().isEmpty()
        && ReusedChild.fitsOnLines(job(model, Path.of("job")));
  }

  /**
   * Checks {@code model} in an idle reused child, or a new one: the job gets its own folder in the
   * child's work directory (TLC's metadir), deleted after it. The child goes back to the idle ones
   * after its result unless it has had {@link #jobsPerJvm} jobs; on timeout, interruption or a lost
   * link it is killed.
   */
  private CheckOutcome reused(
      ModelSpec model,
      ProgressListener listener,
      long start,
      List<String> properties,
      AtomicReference<ModelSource> source,
      AtomicReference<List<ActionCoverage>> coverage)
      throws IOException, InterruptedException {
    JobLink link = new JobLink(model, listener, start, coverage);
    return idle.run(
        () -> {
          reusedStarted.incrementAndGet();
          return ReusedChild.start(jvm, jvmOptions, children, tempRoot);
        },
        folder -> job(model, folder),
        System.nanoTime() + TimeUnit.SECONDS.toNanos(model.timeoutSeconds()),
        w -> listener.warning(model.name(), w),
        new IdleChildren.JobLines<CheckOutcome>() {
          @Override
          public CheckOutcome line(String line, Path folder) {
            link.accept(line);
            return link.done() ? link.outcome(properties, source) : null;
          }

          @Override
          public CheckOutcome timedOut() {
            return new CheckOutcome.TimedOut(link.last(), model.timeoutSeconds());
          }

          @Override
          public CheckOutcome lost(String exitStatus, String stderr) {
            return link.lost(exitStatus, stderr);
          }
        });
  }

  /** Reused child JVMs this runner has started. */
  int reusedJvmsStarted() {
    return reusedStarted.get();
  }

  /** Ends the idle reused children (each exits at the end of its input). */
  @Override
  public void close() {
    idle.close();
  }

  /** The state graph TLC dumped, copied to {@code --dot}'s file before the work dir goes. */
  private CheckOutcome copyGraph(Path work, CheckOutcome outcome) {
    if (flags.dot().isEmpty()
        || outcome instanceof CheckOutcome.Failed
        || outcome instanceof CheckOutcome.TimedOut) {
      return outcome;
    }
    Path dumped = work.resolve(DOT_FILE);
    try {
      Files.copy(dumped, flags.dot().get(), StandardCopyOption.REPLACE_EXISTING);
      return outcome;
    } catch (IOException e) {
      return toolFailure("cannot write the state graph to " + flags.dot().get() + ": " + e);
    }
  }

  private CheckOutcome fork(
      ModelSpec model,
      Path work,
      ChildProcesses.Lease lease,
      ProgressListener listener,
      long start,
      List<String> properties,
      AtomicReference<ModelSource> source,
      AtomicReference<List<ActionCoverage>> coverage)
      throws IOException, InterruptedException {
    Path tmp = Files.createDirectory(work.resolve(TMP_DIR));
    List<String> command =
        flags.distributed().isPresent()
            ? serverCommand(model, work, tmp, flags.distributed().get())
            : checkCommand(model, work, tmp);
    Process process = new ProcessBuilder(command).directory(work.toFile()).start();
    lease.started(process);
    try {
      return await(process, model, listener, start, properties, source, coverage);
    } catch (InterruptedException e) {
      ChildProcesses.killTree(process);
      throw e;
    }
  }

  /** The {@link TlcChild} that checks the model in one process. */
  private List<String> checkCommand(ModelSpec model, Path work, Path tmp) {
    return jvm.command(
        tmp,
        childOptions(jvmOptions, model, work),
        TlcChild.class.getName(),
        childArgs(model, work));
  }

  /** The arguments of {@link TlcChild} for a model checked in {@code work}. */
  private List<String> childArgs(ModelSpec model, Path work) {
    List<String> args =
        new ArrayList<>(
            List.of(
                model.spec().toString(),
                model.config().toString(),
                Integer.toString(workers),
                work.resolve("meta").toString()));
    args.addAll(flags.tlcOptions(work.resolve(DOT_FILE)));
    return args;
  }

  /**
   * The standby child, if there is one and it can check {@code model}: the child was started with
   * the options of {@link #checkCommand} for a runner without JVM options and temp root, so the
   * rest of the command is its job. A standby this model cannot use is closed at once.
   */
  private StandbyChild claimStandby(ModelSpec model) {
    StandbyChild s = standby.getAndSet(null);
    if (s == null) {
      return null;
    }
    boolean fits =
        jvmOptions.isEmpty()
            && tempRoot == null
            && flags.distributed().isEmpty()
            && ReusedChild.fitsOnLines(job(model, s.work()));
    if (fits && s.take()) {
      return s;
    }
    s.close();
    return null;
  }

  /** The lines the standby child reads ({@link TlcChild#JOB_ON_STDIN}). */
  private List<String> job(ModelSpec model, Path work) {
    List<String> lines = new ArrayList<>();
    lines.add(ModuleSearch.value(model.libraries()));
    lines.addAll(childArgs(model, work));
    return lines;
  }

  /** Gives the standby child its job and reads its link as for a forked one. */
  private CheckOutcome handOver(
      StandbyChild ready,
      ModelSpec model,
      Path work,
      ChildProcesses.Lease lease,
      ProgressListener listener,
      long start,
      List<String> properties,
      AtomicReference<ModelSource> source,
      AtomicReference<List<ActionCoverage>> coverage)
      throws InterruptedException, IOException {
    Process process = ready.process();
    lease.started(process);
    try (java.io.OutputStream in = process.getOutputStream()) {
      in.write((String.join("\n", job(model, work)) + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // the child is gone: await reports the missing result with its standard error
    }
    try {
      return await(process, model, listener, start, properties, source, coverage);
    } catch (InterruptedException e) {
      ChildProcesses.killTree(process);
      throw e;
    }
  }

  /** TLC's distributed server for the model, in its own JVM, bound as {@code --bind} says. */
  private List<String> serverCommand(ModelSpec model, Path work, Path tmp, TlcFlags.Distributed d) {
    // TLC's server hands workers the spec's files through the library path alone: the spec's
    // folder goes first on it
    List<Path> search = new ArrayList<>();
    search.add(model.spec().getParent());
    search.addAll(model.libraries());
    List<String> options = new ArrayList<>(jvmOptions);
    options.addAll(ModuleSearch.jvmOptions(search));
    options.addAll(ParentLink.jvmOptions(work));
    options.addAll(distributedOptions(d));
    List<String> args =
        new ArrayList<>(
            List.of(
                model.spec().toString(),
                model.config().toString(),
                work.resolve("meta").toString()));
    if (!flags.checkDeadlock()) {
      args.add("-deadlock");
    }
    return jvm.command(tmp, options, DistributedServerChild.class.getName(), args);
  }

  /** The JVM options that put TLC's server or worker on {@code d}'s address and port. */
  public static List<String> distributedOptions(TlcFlags.Distributed d) {
    List<String> out = new ArrayList<>();
    out.add("-Dtlc2.tool.distributed.TLCServer.port=" + d.port());
    out.add("-D" + DistributedServerChild.BIND_PROPERTY + "=" + d.bind());
    if (!d.bind().equals("0.0.0.0") && !d.bind().equals("::")) {
      out.add("-Djava.rmi.server.hostname=" + d.bind()); // what RMI stubs tell peers to call
    }
    return out;
  }

  private CheckOutcome await(
      Process process,
      ModelSpec model,
      ProgressListener listener,
      long start,
      List<String> properties,
      AtomicReference<ModelSource> source,
      AtomicReference<List<ActionCoverage>> coverage)
      throws IOException, InterruptedException {
    process.getOutputStream().close(); // no-op when the job went there
    JobLink link = new JobLink(model, listener, start, coverage);
    StderrTail stderr = new StderrTail(STDERR_TAIL_LINES);
    Thread out = daemon(() -> link.readAll(process.getInputStream()), "tlc-out-" + model.name());
    Thread err =
        daemon(
            () ->
                stderr.drain(
                    process.getErrorStream(),
                    ChildExit.WARNING_PREFIX,
                    w -> listener.warning(model.name(), w)),
            "tlc-err-" + model.name());
    boolean finished = process.waitFor(model.timeoutSeconds(), TimeUnit.SECONDS);
    if (!finished) {
      ChildProcesses.killTree(process);
      out.join();
      err.join();
      return new CheckOutcome.TimedOut(link.last(), model.timeoutSeconds());
    }
    out.join();
    err.join();
    if (!link.done()) {
      return link.lost(Integer.toString(process.exitValue()), stderr.describe());
    }
    return link.outcome(properties, source);
  }

  /**
   * What one job's link has said: progress goes to the listener as it comes, coverage and the first
   * result are kept, and the first malformed line is remembered while reading goes on (so the child
   * never blocks on a full pipe). One reader thread per job.
   */
  private static final class JobLink {
    private final ModelSpec model;
    private final ProgressListener listener;
    private final long start;
    private final AtomicReference<List<ActionCoverage>> coverage;
    private final AtomicReference<ChildMessage.Result> result = new AtomicReference<>();
    private final AtomicReference<LinkException> linkError = new AtomicReference<>();
    private final AtomicReference<Stats> last = new AtomicReference<>(Stats.NONE);
    private int number;

    JobLink(
        ModelSpec model,
        ProgressListener listener,
        long start,
        AtomicReference<List<ActionCoverage>> coverage) {
      this.model = model;
      this.listener = listener;
      this.start = start;
      this.coverage = coverage;
    }

    /** Reads {@code in} until the child closes it. */
    void readAll(InputStream in) {
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          accept(line);
        }
      } catch (IOException e) {
        // the child died or was killed mid-line; the missing result is reported by the caller
      }
    }

    /** One line of the link. */
    void accept(String line) {
      ChildMessage message;
      try {
        message = ChildLink.read(line, ++number);
      } catch (LinkException e) {
        linkError.compareAndSet(null, e);
        return;
      }
      if (message instanceof ChildMessage.Progress p) {
        long distinct = Math.max(0, p.distinct());
        long generated = Math.max(0, p.generated());
        long depth = Math.max(0, p.depth());
        last.set(new Stats(distinct, generated, (int) depth));
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        listener.progress(
            new Progress(model.name(), depth, generated, distinct, p.queue(), elapsed));
      } else if (message instanceof ChildMessage.Coverage c) {
        coverage.set(c.actions());
      } else if (message instanceof ChildMessage.Result res) {
        result.compareAndSet(null, res);
      }
    }

    boolean done() {
      return result.get() != null;
    }

    /** The counters of the last progress message. */
    Stats last() {
      return last.get();
    }

    /** The failure of a link that ended without a result. */
    CheckOutcome lost(String exitStatus, String stderr) {
      LinkException bad = linkError.get();
      if (bad != null) {
        return toolFailure("unreadable result from the TLC process: " + bad.getMessage());
      }
      return toolFailure(
          "TLC process exited with status " + exitStatus + " without a result" + stderr);
    }

    /** The result's outcome; its properties and provenance go to the caller's holders. */
    CheckOutcome outcome(List<String> properties, AtomicReference<ModelSource> source) {
      ChildMessage.Result r = result.get();
      properties.addAll(r.properties());
      source.set(r.source());
      return r.outcome();
    }
  }

  private static Thread daemon(Runnable body, String name) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static CheckOutcome toolFailure(String message) {
    return new CheckOutcome.Failed(ErrorInfo.of(ErrorKind.TOOL, message), Stats.NONE);
  }
}
