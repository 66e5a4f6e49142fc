package org.vfiomc.checker;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The checker's architecture as allow-lists: each package may depend only on the packages and
 * libraries listed for it, main classes and test classes alike (tests may additionally use the test
 * libraries and the extras listed per package); every class lives in a listed package; no cycle
 * between packages; only {@code tlc.child} (the code of the forked JVMs) imports TLC; only the
 * three process entry points print or exit.
 */
final class ArchitectureTest {
  private static final String C = "org.vfiomc.checker.";

  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.vfiomc.checker");

  private static final JavaClasses TESTS =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
          .importPackages("org.vfiomc.checker");

  private static final String JDK = "java..";
  private static final String JACKSON = "com.fasterxml.jackson..";
  private static final String GUAVA = "com.google.common..";
  private static final String[] TLC = {"tlc2..", "tla2sany..", "tla2tex..", "util..", "pcal.."};

  /** What every test class may use besides its package's allowances. */
  private static final List<String> TEST_SUPPORT =
      List.of(
          "org.junit..",
          "org.opentest4j..",
          "com.tngtech.archunit..",
          "com.code_intelligence.jazzer..",
          C.replaceAll("\\.$", ""));

  /**
   * A package (exactly that package), what its main classes may depend on besides itself, and what
   * its test classes may use in addition.
   */
  private record Room(String pkg, List<String> mayUse, List<String> testsMayAlsoUse) {}

  private static final List<Room> ROOMS =
      List.of(
          // TLA+ values and ITF traces: the contract shared with the conformance module
          new Room(C + "trace", List.of(JDK, JACKSON), List.of()),
          // outcomes, results JSON and its reader
          new Room(C + "result", List.of(C + "trace", JDK, JACKSON), List.of()),
          // manifests, models, profiles
          new Room(C + "spec", List.of(C + "result", JDK, JACKSON, GUAVA), List.of()),
          // the labelled state graph and its file form
          new Room(C + "explore", List.of(C + "trace", JDK, JACKSON), List.of()),
          // running models: options, the checker and explorer interfaces, the suite runner
          new Room(
              C + "run",
              List.of(C + "explore", C + "result", C + "spec", JDK, GUAVA),
              List.of(C + "tlc", C + "trace")),
          // console, JSON and JUnit reports of results
          new Room(
              C + "report",
              List.of(C + "result", C + "trace", JDK, JACKSON, "javax.xml.stream.."),
              List.of()),
          // the self-contained HTML report: results, coverage, replay and simulation documents
          new Room(C + "report.html", List.of(C + "result", C + "trace", JDK, JACKSON), List.of()),
          // the link protocol between the checker and its forked TLC processes
          new Room(C + "tlc.link", List.of(C + "result", C + "trace", JDK, JACKSON), List.of()),
          // the parent side of the TLC adapter: forks, reads the link, kills; no TLC
          new Room(
              C + "tlc",
              List.of(
                  C + "run",
                  C + "explore",
                  C + "result",
                  C + "spec",
                  C + "tlc.link",
                  C + "tlc.child",
                  JDK),
              List.of(C + "trace")),
          // the code of the forked JVMs: the one package importing TLC; a reused JVM removes the
          // MBeans each check's TLC registered (javax.management)
          new Room(
              C + "tlc.child",
              concat(
                  List.of(
                      C + "explore",
                      C + "result",
                      C + "trace",
                      C + "tlc.link",
                      JDK,
                      "javax.management.."),
                  TLC),
              List.of()),
          // mutation analysis, parent side: no TLC; forks the SANY child through tlc.ChildJvm
          new Room(
              C + "mutate",
              List.of(
                  C + "result",
                  C + "run",
                  C + "spec",
                  C + "tlc",
                  C + "tlc.link",
                  JDK,
                  JACKSON,
                  "javax.xml.stream.."),
              List.of()),
          // the code of the forked SANY JVM of mutation analysis
          new Room(C + "sany", concat(List.of(C + "tlc.link", JDK, JACKSON), TLC), List.of()),
          // the trace corpus: tours of graphs and counterexamples, through run's interfaces
          new Room(
              C + "tour",
              List.of(
                  C + "explore", C + "result", C + "run", C + "spec", C + "trace", JDK, JACKSON),
              List.of()),
          // validation of recorded runs against a model's graph; ModelGraphs forks the explorer
          new Room(
              C + "validate",
              List.of(C + "explore", C + "run", C + "spec", C + "tlc", C + "trace", JDK),
              List.of()),
          // the command line wires everything
          new Room(
              C + "cli",
              List.of(
                  C + "report",
                  C + "report.html",
                  C + "result",
                  C + "run",
                  C + "spec",
                  C + "tlc",
                  C + "tour",
                  C + "trace",
                  C + "validate",
                  C + "mutate",
                  JDK,
                  "picocli.."),
              // org.openqa.selenium: ReportBrowserTest opens the HTML report in Chromium
              List.of(
                  C + "explore",
                  JACKSON,
                  "javax.xml..",
                  "org.w3c.dom..",
                  "org.openqa.selenium..")));

  private static List<String> concat(List<String> a, String[] b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(List.of(b));
    return out;
  }

  @TestFactory
  Stream<DynamicTest> mainClasses_dependOnlyOnTheirPackagesAllowList() {
    return ROOMS.stream()
        .map(
            r ->
                DynamicTest.dynamicTest(
                    r.pkg(),
                    () ->
                        classes()
                            .that()
                            .resideInAPackage(r.pkg())
                            .should()
                            .onlyDependOnClassesThat()
                            .resideInAnyPackage(allowed(r, List.of()))
                            .check(MAIN)));
  }

  @TestFactory
  Stream<DynamicTest> testClasses_dependOnlyOnTheirPackagesAllowListAndTestSupport() {
    return ROOMS.stream()
        .map(
            r ->
                DynamicTest.dynamicTest(
                    r.pkg(),
                    () -> {
                      List<String> extra = new ArrayList<>(TEST_SUPPORT);
                      extra.addAll(r.testsMayAlsoUse());
                      classes()
                          .that()
                          .resideInAPackage(r.pkg())
                          .should()
                          .onlyDependOnClassesThat()
                          .resideInAnyPackage(allowed(r, extra))
                          .allowEmptyShould(true)
                          .check(TESTS);
                    }));
  }

  @Test
  void everyClass_livesInAListedPackage() {
    String[] rooms = ROOMS.stream().map(Room::pkg).toArray(String[]::new);
    classes().should().resideInAnyPackage(rooms).check(MAIN);
    // this test and the RepoRoot helper, in the module's root package, are the only exceptions
    classes()
        .that()
        .resideOutsideOfPackage("org.vfiomc.checker")
        .should()
        .resideInAnyPackage(rooms)
        .check(TESTS);
  }

  @Test
  void packages_areFreeOfCycles() {
    // (**): every package is its own slice, so tlc and tlc.child are told apart
    slices().matching("org.vfiomc.checker.(**)").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void onlyTlcChild_importsTlc() {
    noClasses()
        .that()
        .resideOutsideOfPackages(C + "tlc.child", C + "sany")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(TLC)
        .check(MAIN);
  }

  @Test
  void onlyTheProcessEntryPoints_touchStandardStreamsOrExit() {
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName(C + "cli.Main")
        .and()
        .doNotHaveFullyQualifiedName(C + "tlc.child.TlcChild")
        .and()
        .doNotHaveFullyQualifiedName(C + "tlc.child.ExploreChild")
        .and()
        .doNotHaveFullyQualifiedName(C + "tlc.child.DistributedServerChild")
        .and()
        .doNotHaveFullyQualifiedName(C + "tlc.child.DistributedWorkerChild")
        .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
        .check(MAIN);
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName(C + "cli.Main")
        .and()
        .doNotHaveFullyQualifiedName(C + "tlc.child.TlcChild")
        .and()
        .doNotHaveFullyQualifiedName(C + "tlc.child.ExploreChild")
        .and()
        .doNotHaveFullyQualifiedName(C + "tlc.child.DistributedServerChild")
        .and()
        .doNotHaveFullyQualifiedName(C + "tlc.child.DistributedWorkerChild")
        .should()
        .callMethod(System.class, "exit", int.class)
        .check(MAIN);
  }

  private static String[] allowed(Room r, List<String> extra) {
    List<String> all = new ArrayList<>();
    all.add(r.pkg());
    all.addAll(r.mayUse());
    all.addAll(extra);
    return all.toArray(String[]::new);
  }
}
