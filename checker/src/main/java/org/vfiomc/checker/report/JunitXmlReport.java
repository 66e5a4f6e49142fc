package org.vfiomc.checker.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.vfiomc.checker.result.CheckOutcome;
import org.vfiomc.checker.result.ModelResult;

/**
 * JUnit XML in one {@code <testsuite name="vfiomc">}: one {@code <testcase>} per model (class
 * {@code vfiomc.models}), and, for a model whose configuration checks several invariants or
 * properties, one more per property (class {@code vfiomc.properties.MODEL}). A model that misses
 * its expectation is a {@code <failure>} (an {@code <error>} when the tool failed) whose message
 * names the property and whose text is the counterexample; an expected counterexample is kept in
 * {@code <system-out>}. Properties TLC did not finish checking (it stops at the first violation)
 * are {@code <skipped>}.
 */
final class JunitXmlReport implements ReportWriter {
  private enum Status {
    PASS,
    FAILURE,
    ERROR,
    SKIPPED
  }

  private record Case(
      String classname,
      String name,
      long millis,
      Status status,
      String message,
      String type,
      String text) {}

  @Override
  public void write(List<ModelResult> results, Writer out) throws IOException {
    List<Case> cases = new ArrayList<>();
    for (ModelResult r : results) {
      cases.add(modelCase(r));
      if (r.properties().size() > 1) {
        for (String p : r.properties()) {
          cases.add(propertyCase(r, p));
        }
      }
    }
    try {
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      x.writeStartDocument("UTF-8", "1.0");
      x.writeCharacters("\n");
      x.writeStartElement("testsuite");
      x.writeAttribute("name", "vfiomc");
      x.writeAttribute("tests", Integer.toString(cases.size()));
      x.writeAttribute("failures", Long.toString(count(cases, Status.FAILURE)));
      x.writeAttribute("errors", Long.toString(count(cases, Status.ERROR)));
      x.writeAttribute("skipped", Long.toString(count(cases, Status.SKIPPED)));
      x.writeAttribute(
          "time", seconds(results.stream().mapToLong(ModelResult::durationMillis).sum()));
      for (Case c : cases) {
        write(x, c);
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

  private static long count(List<Case> cases, Status s) {
    return cases.stream().filter(c -> c.status() == s).count();
  }

  private static Case modelCase(ModelResult r) {
    if (r.outcome() instanceof CheckOutcome.NotRun n) {
      return new Case("vfiomc.models", r.model(), 0, Status.SKIPPED, n.reason(), "", "");
    }
    Status status = r.met() ? Status.PASS : toolError(r) ? Status.ERROR : Status.FAILURE;
    return new Case(
        "vfiomc.models",
        r.model(),
        r.durationMillis(),
        status,
        String.join("; ", r.mismatches()),
        type(r.outcome()),
        details(r));
  }

  private static Case propertyCase(ModelResult r, String property) {
    String classname = "vfiomc.properties." + r.model();
    CheckOutcome o = r.outcome();
    if (o instanceof CheckOutcome.Holds) {
      return new Case(classname, property, 0, Status.PASS, "", "", "");
    }
    if (o instanceof CheckOutcome.Violated v && property.equals(v.property())) {
      Status status = r.met() ? Status.PASS : Status.FAILURE;
      return new Case(
          classname, property, 0, status, property + " is violated", type(o), details(r));
    }
    String why =
        o instanceof CheckOutcome.Violated
            ? "not fully checked: TLC stopped at the first violation"
            : "not checked: " + o.verdict();
    return new Case(classname, property, 0, Status.SKIPPED, why, "", "");
  }

  private static void write(XMLStreamWriter x, Case c) throws XMLStreamException {
    x.writeCharacters("\n  ");
    x.writeStartElement("testcase");
    x.writeAttribute("classname", c.classname());
    x.writeAttribute("name", c.name());
    x.writeAttribute("time", seconds(c.millis()));
    switch (c.status()) {
      case FAILURE, ERROR -> {
        x.writeStartElement(c.status() == Status.ERROR ? "error" : "failure");
        x.writeAttribute("message", c.message());
        x.writeAttribute("type", c.type());
        x.writeCharacters(c.text());
        x.writeEndElement();
      }
      case SKIPPED -> {
        x.writeEmptyElement("skipped");
        x.writeAttribute("message", c.message());
      }
      case PASS -> {
        if (!c.text().isEmpty()) {
          x.writeStartElement("system-out");
          x.writeCharacters(c.text());
          x.writeEndElement();
        }
      }
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
