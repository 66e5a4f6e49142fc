package org.vfiomc.checker.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.vfiomc.checker.result.CheckOutcome;
import org.vfiomc.checker.result.ModelResult;

/**
 * JUnit XML: one {@code <testcase>} per model in one {@code <testsuite name="vfiomc">}. A model
 * that misses its expectation is a {@code <failure>} (or {@code <error>} when the tool failed)
 * whose message names the property and whose text is the counterexample; an expected
 * counterexample is kept in {@code <system-out>}.
 */
final class JunitXmlReport implements ReportWriter {
  @Override
  public void write(List<ModelResult> results, Writer out) throws IOException {
    try {
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      x.writeStartDocument("UTF-8", "1.0");
      x.writeCharacters("\n");
      long failures = results.stream().filter(r -> !r.met() && !toolError(r)).count();
      long errors = results.stream().filter(r -> !r.met() && toolError(r)).count();
      x.writeStartElement("testsuite");
      x.writeAttribute("name", "vfiomc");
      x.writeAttribute("tests", Integer.toString(results.size()));
      x.writeAttribute("failures", Long.toString(failures));
      x.writeAttribute("errors", Long.toString(errors));
      x.writeAttribute("skipped", "0");
      x.writeAttribute("time", seconds(results.stream().mapToLong(ModelResult::durationMillis).sum()));
      for (ModelResult r : results) {
        testcase(x, r);
      }
      x.writeCharacters("\n");
      x.writeEndElement();
      x.writeEndDocument();
      x.writeCharacters("\n");
      x.flush();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write JUnit XML", e);
    }
  }

  private static void testcase(XMLStreamWriter x, ModelResult r) throws XMLStreamException {
    x.writeCharacters("\n  ");
    x.writeStartElement("testcase");
    x.writeAttribute("classname", "vfiomc.models");
    x.writeAttribute("name", r.model());
    x.writeAttribute("time", seconds(r.durationMillis()));
    String details = details(r);
    if (!r.met()) {
      x.writeStartElement(toolError(r) ? "error" : "failure");
      x.writeAttribute("message", String.join("; ", r.mismatches()));
      x.writeAttribute("type", type(r.outcome()));
      x.writeCharacters(details);
      x.writeEndElement();
    } else if (!details.isEmpty()) {
      x.writeStartElement("system-out");
      x.writeCharacters(details);
      x.writeEndElement();
    }
    x.writeEndElement();
  }

  private static boolean toolError(ModelResult r) {
    return r.outcome() instanceof CheckOutcome.Failed f && !f.error().kind().isInputError();
  }

  private static String type(CheckOutcome o) {
    if (o instanceof CheckOutcome.Violated v) {
      return "VIOLATED " + v.kind().id() + (v.property() == null ? "" : " " + v.property());
    } else if (o instanceof CheckOutcome.Failed f) {
      return "ERROR " + f.error().kind().id();
    }
    return o.verdict().name();
  }

  private static String details(ModelResult r) {
    StringWriter text = new StringWriter();
    PrintWriter w = new PrintWriter(text);
    CheckOutcome o = r.outcome();
    if (o instanceof CheckOutcome.Violated v) {
      w.println(type(o) + ", counterexample of " + v.trace().length() + " states:");
      new ConsoleReport(w, false).printTrace(v.trace());
    } else if (o instanceof CheckOutcome.Failed f) {
      w.println(f.error().describe());
    } else if (o instanceof CheckOutcome.TimedOut t) {
      w.println("timed out after " + t.limitSeconds() + " s");
    }
    w.flush();
    return text.toString();
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
  }
}
