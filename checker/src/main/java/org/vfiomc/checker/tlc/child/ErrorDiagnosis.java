package org.vfiomc.checker.tlc.child;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vfiomc.checker.result.ErrorInfo;
import org.vfiomc.checker.result.ErrorKind;
import tlc2.output.EC;
import tlc2.output.MP;

/**
 * Turns TLC's failure (its return code and the messages it recorded) into an {@link ErrorInfo}. The
 * category comes from TLC's own exit-status mapping; file positions come from SANY's report (SANY
 * gives them only as text: {@code at line L, column C} for parse errors, {@code line L, col C to
 * ... of module M} for semantic ones) or, for configuration errors, from the {@code .cfg} line
 * naming the offending identifier.
 *
 * <p>Every message is one line without Java stack frames. Errors TLC meets while evaluating the
 * spec (division by zero, CHOOSE from an empty set, a function applied outside its domain, endless
 * recursion) are {@link ErrorKind#SEMANTIC} with the innermost position TLC lists; TLC 2.18 reports
 * some of them as a general failure ({@code EC.GENERAL}) followed by the nested positions, and a
 * stack overflow with an empty position list, where the position is that of the spec's RECURSIVE
 * operator (the likely culprit).
 */
final class ErrorDiagnosis {
  /** An operator definition in the spec's own modules, with its position. */
  record Site(String name, String module, int line, int column) {}

  private static final Pattern JAVA_FRAME = Pattern.compile("\\s+at [\\w$.]+\\([^)]*\\)");
  private static final Pattern SANY_POSITION =
      Pattern.compile("\\s*line \\d+, col \\d+ to line \\d+, col \\d+ of module \\w+\\s*$");
  private static final Pattern MODULE_NAME_MISMATCH =
      Pattern.compile(
          "File name '(\\w+)' does not match the name '(\\w+)' of the top level module");
  private static final int MAX_MESSAGE = 400;

  private static final Pattern PARSE_AT = Pattern.compile("at line (\\d+), column (\\d+)");
  private static final Pattern SEMANTIC_AT =
      Pattern.compile("line (\\d+), col (\\d+) to line \\d+, col \\d+ of module (\\w+)");
  private static final Pattern EVAL_AT =
      Pattern.compile("Line (\\d+), column (\\d+) to line \\d+, column \\d+ in (\\w+)");
  private static final Pattern PARSE_MODULE =
      Pattern.compile(
          "(?:Could not parse module|Fatal errors while parsing TLA\\+ spec in file) (\\w+)");

  private final Path spec;
  private final Path config;
  private final String toolText;
  private final Supplier<List<Site>> recursiveOperators;

  /**
   * @param recursiveOperators the RECURSIVE operators of the spec's own modules, asked for only
   *     when the evaluation overflowed the stack
   */
  ErrorDiagnosis(Path spec, Path config, String toolText, Supplier<List<Site>> recursiveOperators) {
    this.spec = spec;
    this.config = config;
    this.toolText = toolText;
    this.recursiveOperators = recursiveOperators;
  }

  ErrorInfo diagnose(int ec, int status, List<ChildRecorder.Event> events) {
    if (status == EC.ExitStatus.ERROR_SPEC_PARSE) {
      return sany();
    }
    String message = oneLine(message(ec, events));
    if (status == EC.ExitStatus.ERROR_CONFIG_PARSE) {
      return configError(message, events, ec);
    }
    if (ec == EC.TLC_NESTED_EXPRESSION
        || events.stream().anyMatch(e -> e.code() == EC.TLC_NESTED_EXPRESSION)) {
      return evaluationError(
          nestedPositions(events, message),
          events,
          ec == EC.TLC_NESTED_EXPRESSION ? null : message);
    }
    if (ec == EC.SYSTEM_STACK_OVERFLOW || message.contains("StackOverflowError")) {
      return stackOverflow(null, null, null);
    }
    ErrorKind kind =
        status == EC.ExitStatus.FAILURE_SPEC_EVAL
                || status == EC.ExitStatus.FAILURE_SAFETY_EVAL
                || status == EC.ExitStatus.FAILURE_LIVENESS_EVAL
                || status == EC.ExitStatus.VIOLATION_ASSUMPTION
            ? ErrorKind.SEMANTIC
            : ErrorKind.TOOL;
    Matcher m = SEMANTIC_AT.matcher(message);
    if (m.find()) {
      return new ErrorInfo(kind, message, moduleFile(m.group(3)), num(m, 1), num(m, 2));
    }
    return new ErrorInfo(kind, message, null, null, null);
  }

  /**
   * TLC failed evaluating the spec: the cause is TLC's message of the returned code ({@code
   * primary}) or, when TLC returned the nested-expression code itself, the preceding general
   * message; the position is the innermost of the nested expressions TLC lists.
   */
  private ErrorInfo evaluationError(
      String nested, List<ChildRecorder.Event> events, String primary) {
    String cause = primary != null ? primary : oneLine(nested);
    for (int i = primary != null ? -1 : events.size() - 1; i >= 0; i--) {
      ChildRecorder.Event e = events.get(i);
      if (e.code() == EC.GENERAL && e.objects().length > 0) {
        String text = String.valueOf(e.objects()[0]);
        int at = text.indexOf("The exception was a ");
        if (at >= 0) {
          int colon = text.indexOf(": ", at);
          text = colon >= 0 ? text.substring(colon + 2) : text.substring(at);
        }
        cause = oneLine(text);
        break;
      }
    }
    cause = SANY_POSITION.matcher(cause).replaceFirst("").strip();
    Matcher m = EVAL_AT.matcher(nested);
    Integer line = null;
    Integer column = null;
    String file = null;
    while (m.find()) {
      line = num(m, 1);
      column = num(m, 2);
      file = moduleFile(m.group(3));
    }
    if (cause.contains("StackOverflowError")) {
      return stackOverflow(file, line, column);
    }
    return new ErrorInfo(ErrorKind.SEMANTIC, cause, file, line, column);
  }

  /** The text of the last nested-positions message, or {@code fallback}. */
  private static String nestedPositions(List<ChildRecorder.Event> events, String fallback) {
    for (int i = events.size() - 1; i >= 0; i--) {
      ChildRecorder.Event e = events.get(i);
      if (e.code() == EC.TLC_NESTED_EXPRESSION && e.objects().length > 0) {
        return String.valueOf(e.objects()[0]);
      }
    }
    return fallback;
  }

  /**
   * The evaluation overflowed the Java stack: endless (or very deep) recursion. TLC lists no
   * position then, so the position is the first RECURSIVE operator of the spec's own modules.
   */
  private ErrorInfo stackOverflow(String file, Integer line, Integer column) {
    String message = "endless or too deep recursion: evaluating the spec overflowed the Java stack";
    if (file == null) {
      List<Site> sites = recursiveOperators.get();
      if (!sites.isEmpty()) {
        Site s = sites.get(0);
        return new ErrorInfo(
            ErrorKind.SEMANTIC,
            message
                + " (in RECURSIVE operator "
                + String.join(", ", sites.stream().map(Site::name).toList())
                + ")",
            moduleFile(s.module()),
            s.line(),
            s.column());
      }
      file = spec.toString();
    }
    return new ErrorInfo(ErrorKind.SEMANTIC, message, file, line, column);
  }

  /**
   * {@code text} on one line: Java stack frames and whitespace runs dropped, at most {@value
   * #MAX_MESSAGE} characters.
   */
  static String oneLine(String text) {
    String t = text;
    Matcher frame = JAVA_FRAME.matcher(t);
    if (frame.find()) {
      t = t.substring(0, frame.start());
    }
    t = t.replaceAll("\\s+", " ").strip();
    return t.length() <= MAX_MESSAGE ? t : t.substring(0, MAX_MESSAGE - 3) + "...";
  }

  private ErrorInfo sany() {
    Matcher misnamed = MODULE_NAME_MISMATCH.matcher(toolText);
    if (misnamed.find()) {
      return moduleNameMismatch(misnamed.group(1), misnamed.group(2));
    }
    int start = toolText.indexOf("***Parse Error***");
    if (start >= 0) {
      String block = toolText.substring(start);
      String message = firstLines(block.substring("***Parse Error***".length()), 2);
      Matcher at = PARSE_AT.matcher(block);
      Matcher mod = PARSE_MODULE.matcher(toolText);
      String file = mod.find() ? moduleFile(mod.group(1)) : spec.toString();
      return at.find()
          ? new ErrorInfo(ErrorKind.PARSE, message, file, num(at, 1), num(at, 2))
          : new ErrorInfo(ErrorKind.PARSE, message, file, null, null);
    }
    int sem = toolText.indexOf("Semantic error");
    String block = sem >= 0 ? toolText.substring(sem) : toolText;
    Matcher at = SEMANTIC_AT.matcher(block);
    if (at.find()) {
      // SANY prints the position on one line and the message on the next non-empty ones
      String message = firstLines(block.substring(at.end()), 1);
      return new ErrorInfo(
          ErrorKind.SEMANTIC, message, moduleFile(at.group(3)), num(at, 1), num(at, 2));
    }
    String message = oneLine(firstLines(withoutBanner(block), 4));
    return new ErrorInfo(
        sem >= 0 ? ErrorKind.SEMANTIC : ErrorKind.PARSE, message, spec.toString(), null, null);
  }

  /**
   * SANY refuses a module whose name is not its file's: name both, at the module's header.
   *
   * @param fileModule the module name the file name gives
   * @param declared the name in the file's {@code MODULE} header
   */
  private ErrorInfo moduleNameMismatch(String fileModule, String declared) {
    Path file = spec.resolveSibling(fileModule + ".tla");
    String message =
        "file "
            + fileModule
            + ".tla declares MODULE "
            + declared
            + ": a module's name must match its file name (rename the module to "
            + fileModule
            + " or the file to "
            + declared
            + ".tla)";
    int[] at = ConfigCheck.locate(file, declared);
    return at == null
        ? new ErrorInfo(ErrorKind.PARSE, message, file.toString(), null, null)
        : new ErrorInfo(ErrorKind.PARSE, message, file.toString(), at[0], at[1]);
  }

  /** {@code text} without TLC's banner and progress lines. */
  private static String withoutBanner(String text) {
    return String.join(
        "\n",
        text.lines()
            .filter(
                l ->
                    !(l.startsWith("TLC2 Version")
                        || l.startsWith("Running ")
                        || l.startsWith("Parsing file")
                        || l.startsWith("Semantic processing")
                        || l.startsWith("Starting...")
                        || l.startsWith("Finished in")
                        || l.isBlank()))
            .toList());
  }

  private ErrorInfo configError(String message, List<ChildRecorder.Event> events, int ec) {
    for (ChildRecorder.Event e : events) {
      if (e.code() == ec) {
        for (Object o : e.objects()) {
          if (o instanceof String s && s.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            int[] at = ConfigCheck.locate(config, s);
            if (at != null) {
              return new ErrorInfo(ErrorKind.CONFIG, message, config.toString(), at[0], at[1]);
            }
          }
        }
      }
    }
    return new ErrorInfo(ErrorKind.CONFIG, message, config.toString(), null, null);
  }

  /** TLC's own wording of the last message with the returned code. */
  private String message(int ec, List<ChildRecorder.Event> events) {
    for (int i = events.size() - 1; i >= 0; i--) {
      ChildRecorder.Event e = events.get(i);
      if (e.code() != ec) {
        continue;
      }
      if (e.objects().length == 1 && e.objects()[0] instanceof Throwable t) {
        return String.valueOf(t.getMessage()).replaceAll("\\s+", " ").strip();
      }
      String[] params = new String[e.objects().length];
      for (int j = 0; j < params.length; j++) {
        params[j] = String.valueOf(e.objects()[j]);
      }
      return MP.getMessage(ec, params).replaceAll("\\s+", " ").strip();
    }
    String text = toolText.strip();
    return "TLC failed with code " + ec + (text.isEmpty() ? "" : ": " + lastLines(text, 6));
  }

  private String moduleFile(String module) {
    Path p = spec.resolveSibling(module + ".tla");
    return Files.exists(p) ? p.toString() : module + ".tla";
  }

  private static Integer num(Matcher m, int group) {
    return Integer.valueOf(m.group(group));
  }

  private static String firstLines(String text, int n) {
    return String.join(" ", text.strip().lines().limit(n).map(String::strip).toList());
  }

  private static String lastLines(String text, int n) {
    List<String> lines = text.lines().toList();
    return String.join(" | ", lines.subList(Math.max(0, lines.size() - n), lines.size()));
  }
}
