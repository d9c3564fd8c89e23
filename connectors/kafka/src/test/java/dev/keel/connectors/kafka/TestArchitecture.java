package dev.keel.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.keel.kernel.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The Kafka module is a connector: it uses Keel's public API only. */
class TestArchitecture {
  @Test
  void theKafkaModuleImportsNothingInternal() {
    JavaClasses kafka =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.keel.connectors.kafka");
    assertThat(kafka.contain(KafkaIngest.class)).isTrue();
    ArchitectureRules.CONNECTORS_USE_THE_PUBLIC_API.check(kafka);
  }
}
