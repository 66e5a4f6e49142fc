package org.vfiomc.checker;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Package boundaries of the checker. */
final class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.vfiomc.checker");
  }

  @Test
  void tlcClasses_areUsedOnlyInTheTlcAdapter() {
    noClasses()
        .that()
        .resideOutsideOfPackages("org.vfiomc.checker.tlc..", "org.vfiomc.checker.sany..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("tlc2..", "tla2sany..", "tla2tex..", "util..", "pcal..")
        .check(classes);
  }

  @Test
  void tracePackage_dependsOnNothingElseInTheChecker() {
    noClasses()
        .that()
        .resideInAPackage("org.vfiomc.checker.trace..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.vfiomc.checker.cli..",
            "org.vfiomc.checker.result..",
            "org.vfiomc.checker.run..",
            "org.vfiomc.checker.spec..",
            "org.vfiomc.checker.report..",
            "org.vfiomc.checker.tlc..",
            "tlc2..",
            "tla2sany..",
            "util..")
        .check(classes);
  }

  @Test
  void onlyTheTwoProcessEntryPoints_touchStandardStreamsOrExit() {
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName("org.vfiomc.checker.cli.Main")
        .and()
        .doNotHaveFullyQualifiedName("org.vfiomc.checker.tlc.TlcChild")
        .and()
        .doNotHaveFullyQualifiedName("org.vfiomc.checker.tlc.ExploreChild")
        .should()
        .accessField(System.class, "out")
        .orShould()
        .accessField(System.class, "err")
        .orShould()
        .callMethod(System.class, "exit", int.class)
        .check(classes);
  }

  @Test
  void resultAndSpecPackages_doNotDependOnRunningOrReporting() {
    noClasses()
        .that()
        .resideInAnyPackage("org.vfiomc.checker.result..", "org.vfiomc.checker.spec..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.vfiomc.checker.run..",
            "org.vfiomc.checker.report..",
            "org.vfiomc.checker.cli..",
            "org.vfiomc.checker.tlc..",
            "org.vfiomc.checker.mutate..",
            "org.vfiomc.checker.sany..")
        .check(classes);
  }
}
