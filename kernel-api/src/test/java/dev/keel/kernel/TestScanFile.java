package dev.keel.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.data.Row;
import dev.keel.kernel.exceptions.InvalidTableException;
import dev.keel.kernel.internal.data.GenericRow;
import org.junit.jupiter.api.Test;

class TestScanFile {
  private static Row dv(String storageType, String pathOrInline) {
    return new GenericRow(
        ScanFile.DELETION_VECTOR_SCHEMA, new Object[] {storageType, pathOrInline, 1, 40, 3L, null});
  }

  @Test
  void relativePathsAreDecodedUnderTheTableAndAbsoluteOnesKept() {
    assertThat(ScanFile.resolvePath("file:/t", "p=a%20b/part-0.parquet"))
        .isEqualTo("file:/t/p=a b/part-0.parquet");
    assertThat(ScanFile.resolvePath("s3://b/t", "s3://b/other/x.parquet"))
        .isEqualTo("s3://b/other/x.parquet");
    assertThatThrownBy(() -> ScanFile.resolvePath("file:/t", "a/../../x.parquet"))
        .isInstanceOf(InvalidTableException.class)
        .hasMessageStartingWith(
            "Cannot load `file:/t`: the log names the data file `a/../../x.parquet`, a relative"
                + " path that leads out of the table's directory.");
  }

  @Test
  void deletionVectorFilesResolveByStorageType() {
    // "ab" prefix, then the Z85 form of the all-zero UUID
    assertThat(ScanFile.resolveDeletionVectorPath("file:/t", dv("u", "ab00000000000000000000")))
        .contains("file:/t/ab/deletion_vector_00000000-0000-0000-0000-000000000000.bin");
    assertThat(ScanFile.resolveDeletionVectorPath("file:/t", dv("p", "file:/t/dv.bin")))
        .contains("file:/t/dv.bin");
    assertThat(
            ScanFile.resolveDeletionVectorPath(
                "file:/t", dv("i", "wi5b=000010000siXQKl0rr91000f55c8Xg0@@D72lkbi5=-{L")))
        .isEmpty();
  }

  @Test
  void malformedDeletionVectorsAreRefusedWithTheReason() {
    assertThatThrownBy(() -> ScanFile.resolveDeletionVectorPath("file:/t", dv("x", "abc")))
        .isInstanceOf(InvalidTableException.class)
        .hasMessage(
            "Cannot apply the deletion vector of `file:/t` stored as `x`: the storage type must be"
                + " `u`, `p` or `i` and the path or id must be present. The deletion vector is"
                + " corrupt; rows cannot be filtered safely.");
    assertThatThrownBy(
            () -> ScanFile.resolveDeletionVectorPath("file:/t", dv("u", "../00000000000000000000")))
        .isInstanceOf(InvalidTableException.class)
        .hasMessage(
            "Cannot apply the deletion vector of `file:/t` stored as `u` `../00000000000000000000`:"
                + " a relative deletion vector's prefix may not lead out of the table:"
                + " ../00000000000000000000. The deletion vector is corrupt; rows cannot be"
                + " filtered safely.");
  }
}
