package dev.keel.kernel.internal.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.exceptions.InvalidTableException;
import org.junit.jupiter.api.Test;

/** Paths of the log resolved against the table, and relative paths that try to leave it. */
class TestDataFilePaths {
  @Test
  void resolvesRelativeAbsoluteAndQualifiedPaths() {
    assertThat(DataFilePaths.absolute("file:/t", "p=1/a%20b.parquet"))
        .isEqualTo("file:/t/p=1/a b.parquet");
    assertThat(DataFilePaths.absolute("s3://bkt/t", "/elsewhere/x.parquet"))
        .isEqualTo("s3://bkt/elsewhere/x.parquet");
    assertThat(DataFilePaths.absolute("file:/t", "s3a://other/x.parquet"))
        .isEqualTo("s3a://other/x.parquet");
    assertThat(DataFilePaths.absolute("file:/t", "a/../b/./x.parquet"))
        .as("dot segments that stay inside the table")
        .isEqualTo("file:/t/a/../b/./x.parquet");
  }

  @Test
  void refusesRelativePathsThatLeaveTheTable() {
    for (String hostile :
        new String[] {"../x.parquet", "a/../../x.parquet", "./../x", "a/%2E%2E/../x"}) {
      assertThatThrownBy(() -> DataFilePaths.absolute("file:/t", hostile))
          .as(hostile)
          .isInstanceOf(InvalidTableException.class)
          .hasMessage(
              "Cannot load `file:/t`: the log names the data file `"
                  + hostile
                  + "`, a relative path that leads out of the table's directory. Relative paths in"
                  + " the log stay under the table; a file elsewhere must be named by its absolute"
                  + " URI.");
    }
  }
}
