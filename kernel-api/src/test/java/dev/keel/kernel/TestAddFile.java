package dev.keel.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.exceptions.InvalidTableException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestAddFile {
  private static AddFile file(String path) {
    return AddFile.of(path, Map.of(), 10, 0, Optional.empty());
  }

  @Test
  void absolutePathsJoinTheTableAndTheDecodedPath() {
    assertThat(file("p=a%20b/part-0.parquet").getAbsolutePath("file:/t"))
        .isEqualTo("file:/t/p=a b/part-0.parquet");
    assertThat(file("s3://bucket/elsewhere/x.parquet").getAbsolutePath("s3://bucket/t"))
        .isEqualTo("s3://bucket/elsewhere/x.parquet");
    assertThatThrownBy(() -> file("../x.parquet").getAbsolutePath("file:/t"))
        .isInstanceOf(InvalidTableException.class)
        .hasMessage(
            "Cannot load `file:/t`: the log names the data file `../x.parquet`, a relative path"
                + " that leads out of the table's directory. Relative paths in the log stay under"
                + " the table; a file elsewhere must be named by its absolute URI.");
  }
}
