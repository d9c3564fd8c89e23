package dev.keel.kernel.internal.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.defaults.testing.TableTestBase;
import dev.keel.kernel.defaults.testing.TestBatches;
import dev.keel.kernel.engine.DataFileStatistics;
import dev.keel.kernel.expressions.Column;
import dev.keel.kernel.expressions.Literal;
import dev.keel.kernel.types.StructType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** File statistics: bounds by code point for strings, without NaN for doubles, nulls counted. */
class TestStatsCollector extends TableTestBase {
  private static final StructType SCHEMA =
      StructType.fromJson(
          "{\"type\":\"struct\",\"fields\":["
              + "{\"name\":\"s\",\"type\":\"string\",\"nullable\":true,\"metadata\":{}},"
              + "{\"name\":\"l\",\"type\":\"long\",\"nullable\":true,\"metadata\":{}},"
              + "{\"name\":\"d\",\"type\":\"double\",\"nullable\":true,\"metadata\":{}},"
              + "{\"name\":\"ts\",\"type\":\"timestamp\",\"nullable\":true,\"metadata\":{}}]}");

  private static final List<Column> COLUMNS =
      List.of(
          new Column(List.of("s")),
          new Column(List.of("l")),
          new Column(List.of("d")),
          new Column(List.of("ts")));

  private DataFileStatistics stats(int[] rows, String... lines) {
    try (ColumnarBatch b = TestBatches.fromJson(engine, SCHEMA, dir, lines)) {
      StatsCollector c = new StatsCollector(SCHEMA, COLUMNS);
      c.add(rows == null ? b : b.view(new int[] {0, 1, 2, 3}, rows));
      return c.result();
    }
  }

  private static final String[] LINES = {
    // U+FFFD sorts below U+1F600 by code point (and UTF-8 bytes), above it in UTF-16 units
    "{\"s\":\"\\uFFFD\",\"l\":5,\"d\":\"NaN\",\"ts\":\"2026-01-01T00:00:00Z\"}",
    "{\"s\":\"\\uD83D\\uDE00\",\"l\":-7,\"d\":-0.0,\"ts\":\"2025-01-01T00:00:00Z\"}",
    "{\"s\":\"a\",\"l\":null,\"d\":0.0,\"ts\":null}",
    "{\"s\":null,\"l\":9223372036854775807,\"d\":2.5,\"ts\":\"2027-01-01T00:00:00Z\"}"
  };

  @Test
  void boundsOfEachTypeOnArrowVectorsAndOnRowViews() {
    for (int[] rows : new int[][] {null, {3, 2, 1, 0}}) {
      DataFileStatistics s = stats(rows, LINES);
      assertThat(s.getNumRecords()).isEqualTo(4);
      assertThat(s.getMinValues().get(new Column(List.of("s")))).isEqualTo(Literal.ofString("a"));
      assertThat(s.getMaxValues().get(new Column(List.of("s"))))
          .isEqualTo(Literal.ofString("\uD83D\uDE00"));
      assertThat(s.getMinValues().get(new Column(List.of("l")))).isEqualTo(Literal.ofLong(-7));
      assertThat(s.getMaxValues().get(new Column(List.of("l"))))
          .isEqualTo(Literal.ofLong(Long.MAX_VALUE));
      assertThat(s.getMinValues().get(new Column(List.of("d")))).isEqualTo(Literal.ofDouble(-0.0));
      assertThat(s.getMaxValues().get(new Column(List.of("d")))).isEqualTo(Literal.ofDouble(2.5));
      assertThat(s.getMinValues().get(new Column(List.of("ts"))))
          .isEqualTo(Literal.ofTimestamp(1_735_689_600_000_000L));
      assertThat(s.getNullCounts())
          .containsEntry(new Column(List.of("s")), 1L)
          .containsEntry(new Column(List.of("l")), 1L)
          .containsEntry(new Column(List.of("d")), 0L)
          .containsEntry(new Column(List.of("ts")), 1L);
    }
  }
}
