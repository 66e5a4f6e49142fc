package org.vfiomc.conformance.replay;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.junit.jupiter.api.Test;

/** Boundaries of replay: only the checker's trace package, no standard streams. */
final class ReplayArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.vfiomc.conformance");

  @Test
  void conformanceUsesOnlyTheCheckersTracePackage() {
    noClasses()
        .that()
        .resideInAPackage("org.vfiomc.conformance..")
        .should()
        .dependOnClassesThat(
            JavaClass.Predicates.resideInAPackage("org.vfiomc.checker..")
                .and(
                    DescribedPredicate.not(
                        JavaClass.Predicates.resideInAPackage("org.vfiomc.checker.trace.."))))
        .check(CLASSES);
  }

  @Test
  void replayDoesNotPrintOrDependOnTheCli() {
    noClasses()
        .that()
        .resideInAPackage("..conformance.replay..")
        .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
        .check(CLASSES);
    noClasses()
        .that()
        .resideInAPackage("..conformance.replay..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("..conformance.cli..")
        .check(CLASSES);
  }
}
