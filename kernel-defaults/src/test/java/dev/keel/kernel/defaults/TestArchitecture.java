package dev.keel.kernel.defaults;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The default engine's public types show none of its internals (rules in ArchitectureRules). */
class TestArchitecture {
  private static final JavaClasses DEFAULTS =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .withImportOption(location -> !location.contains("keel-kernel-api"))
          .importPackages("dev.keel.kernel.defaults");

  @Test
  void thePublicApiHidesInternalTypes() {
    assertThat(DEFAULTS.contain(DefaultEngine.class)).isTrue();
    ArchitectureRules.PUBLIC_API_HIDES_INTERNALS.check(DEFAULTS);
  }

  @Test
  void everyPublicTypeSaysHowStableItIs() {
    ArchitectureRules.PUBLIC_API_IS_MARKED.check(DEFAULTS);
  }
}
