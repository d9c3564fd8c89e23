package dev.keel.connectors.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.engine.FileReadResult;
import dev.keel.kernel.exceptions.KernelException;
import dev.keel.kernel.expressions.Predicate;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import dev.keel.kernel.utils.FileStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code --where} language under the fuzzer. Any text gives a predicate or a {@link UsageError}
 * that says where it went wrong; a predicate it gives is well typed: the default engine evaluates
 * it over rows of every column type (nulls and extremes among them) without error. {@code -Pfuzz
 * -Dfuzz.target=TestPredicateParserFuzz} fuzzes it (from {@code connectors/cli}).
 */
class TestPredicateParserFuzz {
  private static final StructType SCHEMA =
      TypeParser.parseSchema(
          "id BIGINT, n INT, name STRING, day DATE, ts TIMESTAMP, ntz TIMESTAMP_NTZ,"
              + " price DECIMAL(10,2), ok BOOLEAN, x DOUBLE, `odd col` INT,"
              + " s STRUCT<city: STRING, zip: INT>");

  @TempDir static Path dir;
  private static DefaultEngine engine;
  private static ColumnarBatch rows;

  @BeforeAll
  static void open() throws IOException {
    engine = DefaultEngine.create();
    Path file = dir.resolve("rows.json");
    Files.writeString(
        file,
        String.join(
            "\n",
            "{\"id\":1,\"n\":2,\"name\":\"San José\",\"day\":\"2024-02-29\","
                + "\"ts\":\"2024-01-01T10:00:00.000000Z\",\"ntz\":\"2024-01-01T10:00:00.000000\","
                + "\"price\":12.50,\"ok\":true,\"x\":1.5,\"odd col\":3,"
                + "\"s\":{\"city\":\"x\",\"zip\":1}}",
            "{}",
            "{\"id\":-9223372036854775808,\"n\":2147483647,\"name\":\"\",\"day\":\"0001-01-01\","
                + "\"price\":-99999999.99,\"ok\":false,\"x\":-0.0,\"s\":{}}"),
        StandardCharsets.UTF_8);
    try (CloseableIterator<FileReadResult> read =
        engine
            .getJsonHandler()
            .readJsonFiles(
                CloseableIterator.of(
                    List.of(FileStatus.of(file.toUri().toString(), Files.size(file), 0))),
                SCHEMA,
                Optional.empty())) {
      rows = read.next().getData();
    }
  }

  @AfterAll
  static void close() {
    rows.close();
    engine.close();
  }

  @FuzzTest(maxDuration = "30m")
  void parsesOrSaysWhere(byte[] input) {
    check(new String(input, StandardCharsets.UTF_8));
  }

  private static void check(String text) {
    Predicate predicate;
    try {
      predicate = PredicateParser.parse(text, SCHEMA);
    } catch (UsageError e) {
      assertThat(e.getMessage()).startsWith("Invalid predicate");
      return;
    }
    try (ColumnVector result =
        engine
            .getExpressionHandler()
            .getPredicateEvaluator(SCHEMA, predicate)
            .eval(rows, Optional.empty())) {
      assertThat(result.getSize()).isEqualTo(3);
    } catch (KernelException refused) {
      // e.g. a cast the evaluator cannot do; it says so
      assertThat(refused.getMessage()).isNotBlank();
    }
  }

  @Test
  void theLanguagesExamplesParseAndEvaluate() {
    for (String where :
        List.of(
            "id >= 10 AND (name = 'a''b' OR name IS NULL)",
            "NOT id IN (1, 2, -3) OR n NOT IN (2)",
            "name LIKE 'San%' AND s.city != 'x' AND `odd col` IS NOT NULL",
            "day = '2024-02-29' AND ts < TIMESTAMP '2024-01-01 10:00:00' AND ntz >= '2024-01-01'",
            "price <> 1.50 AND ok = TRUE AND x > -1e3")) {
      check(where);
      assertThat(PredicateParser.parse(where, SCHEMA)).isNotNull();
    }
  }
}
