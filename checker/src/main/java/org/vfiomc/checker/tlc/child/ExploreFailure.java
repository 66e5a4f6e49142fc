package org.vfiomc.checker.tlc.child;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vfiomc.checker.result.ErrorInfo;
import org.vfiomc.checker.result.ErrorKind;
import org.vfiomc.checker.tlc.link.ModuleSearch;
import tla2sany.drivers.SANY;
import tla2sany.modanalyzer.SpecObj;
import tla2sany.st.Location;
import tlc2.output.EC;
import util.SimpleFilenameToStream;
import util.ToolIO;

/**
 * Classifies a failed exploration as {@code check} classifies a failed model check ({@link
 * ErrorInfo}: kind, file, line, column, one-line cause), never as a Java stack trace: SANY's errors
 * through {@link ErrorDiagnosis} on SANY's own report (TLC's {@code FastTool} only says "Parsing or
 * semantic analysis failed", so the spec is parsed again to get SANY's text); configuration errors
 * located in the {@code .cfg}; evaluation errors (overflow, division by zero, CHOOSE from an empty
 * set, endless recursion) as {@code semantic} at the action or initial predicate being evaluated.
 */
final class ExploreFailure {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private ExploreFailure() {}

  /** The failure of loading the spec and configuration ({@code FastTool}'s constructor). */
  static ErrorInfo ofSetup(Path spec, Path config, Throwable e) {
    String message = oneLine(e);
    if (message.contains("Parsing or semantic analysis failed")) {
      return new ErrorDiagnosis(spec, config, sanyReport(spec), List::of)
          .diagnose(0, EC.ExitStatus.ERROR_SPEC_PARSE, List.of());
    }
    if (e instanceof RuntimeException) {
      Matcher m = IDENTIFIER.matcher(message);
      while (m.find()) {
        int[] at = ConfigCheck.locate(config, m.group());
        if (at != null) {
          return new ErrorInfo(ErrorKind.CONFIG, message, config.toString(), at[0], at[1]);
        }
      }
      return new ErrorInfo(ErrorKind.CONFIG, message, config.toString(), null, null);
    }
    return ErrorInfo.of(ErrorKind.TOOL, message);
  }

  /** A failure while evaluating the spec at {@code where} (null: unknown). */
  static ErrorInfo ofEvaluation(Path spec, Location where, Throwable e) {
    String cause =
        e instanceof StackOverflowError
            ? "recursion too deep (Java stack overflow while evaluating)"
            : e instanceof OutOfMemoryError ? null : oneLine(e);
    if (cause == null) {
      return ErrorInfo.of(ErrorKind.TOOL, "out of memory while exploring the spec");
    }
    if (where == null || where.source() == null) {
      return new ErrorInfo(ErrorKind.SEMANTIC, cause, null, null, null);
    }
    Path file = spec.resolveSibling(where.source() + ".tla");
    return new ErrorInfo(
        ErrorKind.SEMANTIC,
        cause,
        file.toFile().isFile() ? file.toString() : where.source() + ".tla",
        where.beginLine(),
        where.beginColumn());
  }

  /** The exception's message on one line, without the Java class name when it has a message. */
  private static String oneLine(Throwable e) {
    String m = e.getMessage();
    String text = m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    return text.replaceAll("\\s+", " ").strip();
  }

  /** What SANY prints about the spec (parse and semantic errors with their positions). */
  private static String sanyReport(Path spec) {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    PrintStream sink = new PrintStream(text, true, StandardCharsets.UTF_8);
    PrintStream out = ToolIO.out;
    PrintStream err = ToolIO.err;
    ToolIO.out = sink;
    ToolIO.err = sink;
    try {
      String file = spec.toAbsolutePath().toString();
      SpecObj obj =
          new SpecObj(
              file,
              new SimpleFilenameToStream(ModuleSearch.folders(spec.toAbsolutePath().getParent())));
      SANY.frontEndMain(obj, file, sink);
    } catch (Exception | StackOverflowError e) { // SANY reports most failures as text
      sink.println(oneLine(e));
    } finally {
      ToolIO.out = out;
      ToolIO.err = err;
    }
    return text.toString(StandardCharsets.UTF_8);
  }
}
