package dev.keel.connectors.trino;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.keel.kernel.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The Trino module is a connector: it uses Keel's public API only. */
class TestArchitecture {
  @Test
  void theTrinoModuleImportsNothingInternal() {
    JavaClasses trino =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.keel.connectors.trino");
    assertThat(trino.contain(KeelPlugin.class)).isTrue();
    ArchitectureRules.CONNECTORS_USE_THE_PUBLIC_API.check(trino);
  }

  @Test
  void thePluginsEngineIsTrinosOwnWithoutArrowHadoopOrTheDefaultEngine() {
    JavaClasses trino =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.keel.connectors.trino");
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.apache.arrow..", "org.apache.hadoop..", "dev.keel.kernel.defaults..")
        .because("the plugin ships neither Arrow nor Hadoop: its engine is made of Trino's parts")
        .check(trino);
  }
}
