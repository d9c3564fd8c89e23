package dev.keel.kernel.defaults.internal.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.testing.SharedData;
import dev.keel.kernel.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Parquet file of the conformance cases (data files, checkpoints, golden answers) read by
 * Keel's reader and by parquet-hadoop's own record reader ({@link ParquetOracle}): every value of
 * every column must agree.
 */
class TestParquetDifferential {
  @Test
  void keelAgreesWithParquetHadoopOnEveryFile() throws IOException {
    Path cases = SharedData.casesDir();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(cases)) {
      files =
          walk.filter(p -> p.getFileName().toString().endsWith(".parquet"))
              .filter(p -> !p.getFileName().toString().startsWith("._"))
              .sorted()
              .collect(Collectors.toList());
    }
    assertThat(files).hasSizeGreaterThan(1000);
    List<String> failures = new ArrayList<>();
    long values = 0;
    int compared = 0;
    try (DefaultEngine engine = DefaultEngine.builder().batchSize(1000).build()) {
      for (Path file : files) {
        try {
          values += compareFile(engine, file);
          compared++;
        } catch (AssertionError | RuntimeException e) {
          failures.add(cases.relativize(file) + ": " + e);
        }
      }
    }
    assertThat(failures).as("files where Keel and parquet-hadoop disagree").isEmpty();
    assertThat(compared).isEqualTo(files.size());
    assertThat(values).isGreaterThan(1_000_000);
  }

  /**
   * @return the number of values compared
   */
  private static long compareFile(DefaultEngine engine, Path file) throws IOException {
    StructType schema = ParquetOracle.schemaOf(file);
    List<Object> expected = ParquetOracle.hadoopRows(file, schema);
    List<Object> actual = ParquetOracle.keelRows(engine, file, schema);
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(actual.get(i)).as("row %d", i).isEqualTo(expected.get(i));
    }
    return (long) expected.size() * Math.max(1, schema.length());
  }
}
