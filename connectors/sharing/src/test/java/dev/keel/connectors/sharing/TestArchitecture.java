package dev.keel.connectors.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.keel.kernel.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The sharing server is a connector: it uses Keel's public API only. */
class TestArchitecture {
  @Test
  void theSharingModuleImportsNothingInternal() {
    JavaClasses sharing =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.keel.connectors.sharing");
    assertThat(sharing.contain(SharingServer.class)).isTrue();
    ArchitectureRules.CONNECTORS_USE_THE_PUBLIC_API.check(sharing);
  }
}
