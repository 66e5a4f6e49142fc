/**
 * The HTML report: one self-contained page (inline CSS and SVG, no network, scripts only as
 * progressive enhancement) built from a results document and, optionally, the coverage document of
 * {@code traces --json}, the replay document and simulation documents of the conformance tool.
 *
 * <p>Key types: {@link org.vfiomc.checker.report.html.HtmlReport} (the page), {@link
 * org.vfiomc.checker.report.html.ReportDocument} (reading and checking the extra documents with
 * Jackson), {@code Lanes} (which actor a variable belongs to), {@code TimelineSvg} (a
 * counterexample as a swimlane timeline), {@code SimulationPlot} (frames over simulated time).
 *
 * <p>Invariants: the page is a pure function of the documents; every string from them goes through
 * {@code Html.esc}; nothing here touches standard streams or the network.
 */
package org.vfiomc.checker.report.html;
