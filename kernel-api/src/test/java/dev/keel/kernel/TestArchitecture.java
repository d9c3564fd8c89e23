package dev.keel.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.keel.kernel.archfixture.LeaksAnInternalType;
import dev.keel.kernel.internal.archfixture.CallsTheFrontDoor;
import dev.keel.kernel.testing.ArchitectureRules;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The architecture rules hold for kernel-api, and fail on classes that break them. */
class TestArchitecture {
  private static final JavaClasses KERNEL_API =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.keel.kernel");

  @Test
  void theKernelsClassesWereImported() {
    assertThat(KERNEL_API.contain(Table.class)).isTrue();
    assertThat(KERNEL_API.contain(dev.keel.kernel.internal.snapshot.SnapshotLoader.class)).isTrue();
  }

  @Test
  void thePublicApiHidesInternalTypes() {
    ArchitectureRules.PUBLIC_API_HIDES_INTERNALS.check(KERNEL_API);
  }

  @Test
  void everyPublicTypeSaysHowStableItIs() {
    ArchitectureRules.PUBLIC_API_IS_MARKED.check(KERNEL_API);
    assertThat(
            ArchitectureRules.PUBLIC_API_IS_MARKED
                .evaluate(new ClassFileImporter().importClasses(LeaksAnInternalType.class))
                .getFailureReport()
                .getDetails())
        .containsExactly(
            "dev.keel.kernel.archfixture.LeaksAnInternalType is marked neither @Stable nor @Evolving");
  }

  @Test
  void valuesOnlyTheKernelMakesHaveNoPublicConstructor() {
    for (Class<?> c :
        List.of(
            Protocol.class,
            Metadata.class,
            CommitInfo.class,
            CommitResult.class,
            ScanState.class,
            TransactionState.class,
            AddFile.class,
            Table.class,
            SnapshotCache.class)) {
      assertThat(c.getConstructors()).as(c.getName()).isEmpty();
    }
  }

  @Test
  void internalCodeNeverCallsTheFrontDoor() {
    ArchitectureRules.INTERNALS_DO_NOT_CALL_THE_FRONT_DOOR.check(KERNEL_API);
  }

  @Test
  void theRulesFailOnClassesThatBreakThem() {
    JavaClasses broken =
        new ClassFileImporter().importClasses(CallsTheFrontDoor.class, LeaksAnInternalType.class);
    EvaluationResult frontDoor =
        ArchitectureRules.INTERNALS_DO_NOT_CALL_THE_FRONT_DOOR.evaluate(broken);
    assertThat(frontDoor.hasViolation()).isTrue();
    assertThat(frontDoor.getFailureReport().getDetails())
        .anyMatch(
            d ->
                d.contains("CallsTheFrontDoor.load(")
                    && d.contains("dev.keel.kernel.Table.forPath("));
    EvaluationResult leaks = ArchitectureRules.PUBLIC_API_HIDES_INTERNALS.evaluate(broken);
    assertThat(leaks.getFailureReport().getDetails())
        .containsExactlyInAnyOrder(
            "dev.keel.kernel.archfixture.LeaksAnInternalType method segment(...) returns dev.keel.kernel.internal.log.LogSegment",
            "dev.keel.kernel.archfixture.LeaksAnInternalType method take(...) takes dev.keel.kernel.internal.log.LogSegment");
  }
}
