package org.vfiomc.checker.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.vfiomc.checker.result.ModelResult;

/** The machine-readable report formats. */
public enum ReportFormat {
  /** The results document ({@code --json}); schema in {@link JsonReport}. */
  JSON(JsonReport::new),
  /** JUnit XML ({@code --junit-xml}), one test case per model. */
  JUNIT_XML(JunitXmlReport::new);

  // constructor references of stateless writers: nothing in the enum can change
  @SuppressWarnings("ImmutableEnumChecker")
  private final Supplier<ReportWriter> factory;

  ReportFormat(Supplier<ReportWriter> factory) {
    this.factory = factory;
  }

  public ReportWriter writer() {
    return factory.get();
  }

  /** Writes the report to {@code file}, creating parent directories. */
  public void writeTo(List<ModelResult> results, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      writer().write(results, w);
    }
  }
}
