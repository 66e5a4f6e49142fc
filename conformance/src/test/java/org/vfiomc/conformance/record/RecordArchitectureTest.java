package org.vfiomc.conformance.record;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The recorder sits beside the orchestrator: it observes it, the orchestrator never knows it. */
final class RecordArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.vfiomc");

  @Test
  void orchestratorAndEmulator_doNotDependOnTheRecorder() {
    noClasses()
        .that()
        .resideInAnyPackage("..conformance.orchestrator..", "..conformance.emulator..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("..conformance.record..")
        .check(CLASSES);
  }

  @Test
  void recorder_usesOnlyTheCheckersTracePackage() {
    noClasses()
        .that()
        .resideInAPackage("..conformance.record..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "..conformance.cli..", "org.vfiomc.checker.tlc..", "org.vfiomc.checker.validate..")
        .check(CLASSES);
  }
}
