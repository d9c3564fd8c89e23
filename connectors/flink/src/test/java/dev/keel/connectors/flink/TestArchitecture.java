package dev.keel.connectors.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.keel.kernel.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The Flink module is a connector: it uses Keel's public API only. */
class TestArchitecture {
  @Test
  void theFlinkModuleImportsNothingInternal() {
    JavaClasses flink =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.keel.connectors.flink");
    assertThat(flink.contain(KeelSource.class)).isTrue();
    ArchitectureRules.CONNECTORS_USE_THE_PUBLIC_API.check(flink);
  }
}
