package org.vfiomc.checker.mutate;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML of a {@link MutationReport}: one {@code <testsuite name="mutate.MODULE">} per module,
 * one {@code <testcase>} per mutant (class {@code mutate.MODULE.DEFINITION}, name the mutant's id).
 * A survivor is a {@code <failure>} (the spec's properties missed it), a timed-out mutant an {@code
 * <error>}, an equivalent one {@code <skipped>}; killed mutants pass, a kill by TLC error with the
 * error in {@code <system-out>}.
 */
public final class MutationJunitXml {
  private MutationJunitXml() {}

  public static void write(MutationReport report, Path file) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      write(report, w);
    }
  }

  public static void write(MutationReport report, Writer out) throws IOException {
    try {
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      x.writeStartDocument("UTF-8", "1.0");
      x.writeCharacters("\n");
      x.writeStartElement("testsuites");
      x.writeAttribute("name", "vfiomc-mutate");
      for (ModuleReport m : report.modules()) {
        x.writeCharacters("\n  ");
        x.writeStartElement("testsuite");
        x.writeAttribute("name", "mutate." + m.module());
        x.writeAttribute("tests", Integer.toString(m.mutants().size() + (m.notRun() > 0 ? 1 : 0)));
        x.writeAttribute("failures", Long.toString(m.count(MutantResult.Status.SURVIVED)));
        x.writeAttribute("errors", Long.toString(m.count(MutantResult.Status.TIMED_OUT)));
        x.writeAttribute(
            "skipped",
            Long.toString(m.count(MutantResult.Status.EQUIVALENT) + (m.notRun() > 0 ? 1 : 0)));
        long millis = m.mutants().stream().mapToLong(MutantResult::millis).sum();
        x.writeAttribute("time", seconds(millis));
        for (MutantResult r : m.mutants()) {
          x.writeCharacters("\n    ");
          x.writeStartElement("testcase");
          x.writeAttribute("classname", "mutate." + m.module() + "." + r.id().definition());
          x.writeAttribute("name", r.id().display());
          x.writeAttribute("time", seconds(r.millis()));
          String where = m.file() + ":" + r.location().start() + ": " + r.diff();
          switch (r.status()) {
            case SURVIVED -> {
              x.writeStartElement("failure");
              x.writeAttribute("message", "survived: every model holds (" + where + ")");
              x.writeAttribute("type", "survived");
              x.writeCharacters(where);
              x.writeEndElement();
            }
            case TIMED_OUT -> {
              x.writeStartElement("error");
              x.writeAttribute("message", "timed out in model " + r.model() + " (" + where + ")");
              x.writeAttribute("type", "timeout");
              x.writeEndElement();
            }
            case EQUIVALENT -> {
              x.writeStartElement("skipped");
              x.writeAttribute("message", "equivalent: " + r.detail());
              x.writeEndElement();
            }
            case KILLED_BY_ERROR -> {
              x.writeStartElement("system-out");
              x.writeCharacters("killed by a TLC error in model " + r.model() + ": " + r.detail());
              x.writeEndElement();
            }
            case KILLED -> {
              x.writeStartElement("system-out");
              x.writeCharacters("killed by " + r.property() + " in model " + r.model());
              x.writeEndElement();
            }
          }
          x.writeEndElement();
        }
        if (m.notRun() > 0) {
          x.writeCharacters("\n    ");
          x.writeStartElement("testcase");
          x.writeAttribute("classname", "mutate." + m.module());
          x.writeAttribute("name", "not-run");
          x.writeStartElement("skipped");
          x.writeAttribute(
              "message", m.notRun() + " mutants not checked: the run was stopped (SIGINT/SIGTERM)");
          x.writeEndElement();
          x.writeEndElement();
        }
        x.writeCharacters("\n  ");
        x.writeEndElement();
      }
      for (String module : report.notStarted()) {
        x.writeCharacters("\n  ");
        x.writeStartElement("testsuite");
        x.writeAttribute("name", "mutate." + module);
        x.writeAttribute("tests", "1");
        x.writeAttribute("failures", "0");
        x.writeAttribute("errors", "0");
        x.writeAttribute("skipped", "1");
        x.writeAttribute("time", seconds(0));
        x.writeCharacters("\n    ");
        x.writeStartElement("testcase");
        x.writeAttribute("classname", "mutate." + module);
        x.writeAttribute("name", "not-run");
        x.writeStartElement("skipped");
        x.writeAttribute(
            "message", "module not started: the run was stopped (SIGINT/SIGTERM) before it");
        x.writeEndElement();
        x.writeEndElement();
        x.writeCharacters("\n  ");
        x.writeEndElement();
      }
      x.writeCharacters("\n");
      x.writeEndElement();
      x.writeCharacters("\n");
      x.writeEndDocument();
      x.flush();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write JUnit XML: " + e.getMessage(), e);
    }
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
  }
}
