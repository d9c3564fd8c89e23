package dev.keel.connectors.s3;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.keel.kernel.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The S3 module is a connector: it uses Keel's public API (and the engine's SPI) only. */
class TestArchitecture {
  @Test
  void theS3ModuleImportsNothingInternal() {
    JavaClasses s3 =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.keel.connectors.s3");
    assertThat(s3.contain(S3FileSystemClient.class)).isTrue();
    ArchitectureRules.CONNECTORS_USE_THE_PUBLIC_API.check(s3);
  }
}
