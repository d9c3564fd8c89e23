package dev.keel.kernel.internal.scan;

import static dev.keel.kernel.expressions.Expressions.and;
import static dev.keel.kernel.expressions.Expressions.column;
import static dev.keel.kernel.expressions.Expressions.equal;
import static dev.keel.kernel.expressions.Expressions.greaterThan;
import static dev.keel.kernel.expressions.Expressions.isNull;
import static dev.keel.kernel.expressions.Expressions.lessThan;
import static dev.keel.kernel.expressions.Expressions.not;
import static dev.keel.kernel.expressions.Expressions.or;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.kernel.ScanFile;
import dev.keel.kernel.Table;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.data.Row;
import dev.keel.kernel.expressions.Literal;
import dev.keel.kernel.expressions.Predicate;
import dev.keel.kernel.testing.LogBuilder;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Data skipping: the statistics predicate a filter becomes (exact text), and which files a scan
 * keeps on a table in memory whose statistics are known.
 */
class TestDataSkipping {
  private static final StructType SCHEMA =
      new StructType(
          List.of(
              new StructField("id", DataTypes.LONG, true),
              new StructField("s", DataTypes.STRING, true),
              new StructField("d", DataTypes.DOUBLE, true),
              new StructField("ts", DataTypes.TIMESTAMP, true),
              new StructField("b", DataTypes.BINARY, true)));

  static Stream<Arguments> rewrites() {
    return Stream.of(
        Arguments.of(
            greaterThan(column("id"), Literal.ofLong(5)),
            "((maxValues.id > 5) OR ((maxValues.id > 5) IS NULL))"),
        Arguments.of(
            lessThan(Literal.ofLong(5), column("id")), // flipped to id > 5
            "((maxValues.id > 5) OR ((maxValues.id > 5) IS NULL))"),
        Arguments.of(
            equal(column("id"), Literal.ofLong(5)),
            "(((minValues.id <= 5) AND (maxValues.id >= 5)) OR (((minValues.id <= 5) AND (maxValues.id >= 5)) IS NULL))"),
        Arguments.of(
            equal(column("s"), Literal.ofString("k")), // a string maximum may be a truncated prefix
            "(((minValues.s <= 'k') AND ((maxValues.s >= 'k') OR STARTS_WITH('k', maxValues.s))) OR "
                + "(((minValues.s <= 'k') AND ((maxValues.s >= 'k') OR STARTS_WITH('k', maxValues.s))) IS NULL))"),
        Arguments.of(
            greaterThan(
                column("ts"), Literal.ofTimestamp(1_000_000)), // maxima truncated to milliseconds
            "((maxValues.ts > TIMESTAMP '1970-01-01T00:00:00.999001') OR "
                + "((maxValues.ts > TIMESTAMP '1970-01-01T00:00:00.999001') IS NULL))"),
        Arguments.of(isNull(column("id")), "((nullCount.id > 0) OR ((nullCount.id > 0) IS NULL))"),
        Arguments.of(
            not(equal(column("id"), Literal.ofLong(5))),
            "((NOT ((minValues.id = 5) AND (maxValues.id = 5))) OR ((NOT ((minValues.id = 5) AND (maxValues.id = 5))) IS NULL))"),
        Arguments.of(
            and(
                greaterThan(column("id"), Literal.ofLong(5)),
                greaterThan(column("d"), Literal.ofDouble(1))),
            "((maxValues.id > 5) OR ((maxValues.id > 5) IS NULL))"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rewrites")
  void aFilterBecomesAStatisticsPredicateThatIsFalseOnlyWhenNoRowCanMatch(
      Predicate filter, String expected) {
    Optional<Predicate> rewritten =
        new DataSkipping(SCHEMA, ColumnMapping.Mode.NONE).rewrite(filter);
    assertThat(rewritten.map(Object::toString)).contains(expected);
  }

  static Stream<Predicate> nothingToSkipWith() {
    return Stream.of(
        greaterThan(column("d"), Literal.ofDouble(1)), // NaN may be left out of double maxima
        greaterThan(column("d"), Literal.ofDouble(Double.NaN)),
        equal(column("b"), Literal.ofBinary(new byte[] {1})), // no statistics for binary
        greaterThan(column("missing"), Literal.ofLong(1)),
        or(
            greaterThan(column("id"), Literal.ofLong(5)),
            greaterThan(column("d"), Literal.ofDouble(1))),
        equal(column("id"), Literal.ofNull(DataTypes.LONG)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nothingToSkipWith")
  void filtersStatisticsCannotDecideSkipNothing(Predicate filter) {
    assertThat(new DataSkipping(SCHEMA, ColumnMapping.Mode.NONE).rewrite(filter)).isEmpty();
  }

  @Test
  void columnMappingRewritesToPhysicalNames() {
    StructType mapped =
        new StructType(
            List.of(
                new StructField(
                    "id",
                    DataTypes.LONG,
                    true,
                    dev.keel.kernel.types.FieldMetadata.builder()
                        .put("delta.columnMapping.physicalName", "col-7")
                        .put("delta.columnMapping.id", 7L)
                        .build())));
    assertThat(
            new DataSkipping(mapped, ColumnMapping.Mode.NAME)
                .rewrite(lessThan(column("id"), Literal.ofLong(3)))
                .map(Object::toString))
        .contains("((minValues.`col-7` < 3) OR ((minValues.`col-7` < 3) IS NULL))");
  }

  @Test
  void aScanInMemoryKeepsOnlyFilesTheStatisticsDoNotRuleOut() {
    LogBuilder log = LogBuilder.inMemory();
    log.commit(
        0,
        LogBuilder.PROTOCOL,
        LogBuilder.METADATA,
        LogBuilder.add(
            "low",
            "",
            1,
            "{\"numRecords\":10,\"minValues\":{\"id\":1},\"maxValues\":{\"id\":10},\"nullCount\":{\"id\":0}}"),
        LogBuilder.add(
            "high",
            "",
            1,
            "{\"numRecords\":10,\"minValues\":{\"id\":11},\"maxValues\":{\"id\":20},\"nullCount\":{\"id\":0}}"),
        LogBuilder.add("nulls", "", 1, "{\"numRecords\":10,\"nullCount\":{\"id\":10}}"),
        LogBuilder.add("nostats", "", 1, null));
    var snapshot = Table.forPath(log.engine(), LogBuilder.ROOT).getLatestSnapshot(log.engine());
    assertThat(
            paths(
                log,
                snapshot
                    .getScanBuilder()
                    .withFilter(greaterThan(column("id"), Literal.ofLong(15)))
                    .build()))
        .containsExactly("high", "nostats", "nulls"); // missing statistics keep a file
    assertThat(
            paths(
                log,
                snapshot
                    .getScanBuilder()
                    .withFilter(lessThan(column("id"), Literal.ofLong(5)))
                    .build()))
        .containsExactly("low", "nostats", "nulls");
    assertThat(paths(log, snapshot.getScanBuilder().withFilter(isNull(column("id"))).build()))
        .containsExactly("nostats", "nulls");
  }

  private static List<String> paths(LogBuilder log, dev.keel.kernel.Scan scan) {
    List<String> out = new ArrayList<>();
    try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(log.engine())) {
      while (files.hasNext()) {
        try (FilteredColumnarBatch b = files.next();
            CloseableIterator<Row> rows = b.getRows()) {
          rows.forEachRemaining(r -> out.add(ScanFile.getPath(r)));
        }
      }
    }
    out.sort(null);
    return out;
  }
}
