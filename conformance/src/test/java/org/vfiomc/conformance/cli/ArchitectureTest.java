package org.vfiomc.conformance.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.junit.jupiter.api.Test;

/** Boundaries of the migration, orchestrator and cli packages. */
final class ArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.vfiomc.conformance");

  @Test
  void onlyTheCli_touchesStandardStreamsOrExits() {
    noClasses()
        .that()
        .resideInAnyPackage("org.vfiomc.conformance.vfio..", "..orchestrator..")
        .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
        .check(CLASSES);
    noClasses()
        .that()
        .resideOutsideOfPackage("..cli..")
        .should()
        .callMethod(System.class, "exit", int.class)
        .check(CLASSES);
  }

  @Test
  void arrowsPointOneWay_cliToOrchestratorToMigration() {
    noClasses()
        .that()
        .resideInAPackage("org.vfiomc.conformance.vfio..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("..orchestrator..", "..cli..")
        .check(CLASSES);
    noClasses()
        .that()
        .resideInAPackage("..orchestrator..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("..cli..")
        .check(CLASSES);
  }
}
