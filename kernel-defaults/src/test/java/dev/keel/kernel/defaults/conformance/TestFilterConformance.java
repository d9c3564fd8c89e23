package dev.keel.kernel.defaults.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.kernel.Scan;
import dev.keel.kernel.ScanFile;
import dev.keel.kernel.Snapshot;
import dev.keel.kernel.Table;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.data.Row;
import dev.keel.kernel.defaults.canonical.CanonicalJson;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.engine.PredicateEvaluator;
import dev.keel.kernel.expressions.Column;
import dev.keel.kernel.expressions.Expressions;
import dev.keel.kernel.expressions.Literal;
import dev.keel.kernel.expressions.Predicate;
import dev.keel.kernel.internal.scan.ColumnMapping;
import dev.keel.kernel.internal.util.Json;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.DateType;
import dev.keel.kernel.types.DecimalType;
import dev.keel.kernel.types.DoubleType;
import dev.keel.kernel.types.IntegerType;
import dev.keel.kernel.types.LongType;
import dev.keel.kernel.types.StringType;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.types.TimestampType;
import dev.keel.kernel.utils.CloseableIterator;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * For every case whose rows are readable: a partition filter, a data filter and a mixed one, each
 * built from values of the table itself. The rows a filtered scan returns, after the caller
 * evaluates the remaining filter, must equal the full scan filtered in memory. The number of files
 * skipped is printed, and must be positive for the data filter whenever some file's statistics
 * (checked here independently, from the stats JSON) prove it holds no matching row.
 */
class TestFilterConformance {
  private static DefaultEngine engine;
  private static int filtersChecked;
  private static int filesSkipped;

  @BeforeAll
  static void open() {
    engine = DefaultEngine.create();
  }

  @AfterAll
  static void close() {
    engine.close();
    System.out.println(
        "[filter conformance] "
            + filtersChecked
            + " filters checked, "
            + filesSkipped
            + " files skipped in all");
    if (dev.keel.kernel.testing.SharedData
        .isAvailable()) { // without the shared cases every case is skipped
      assertThat(filtersChecked).isGreaterThan(200);
      assertThat(filesSkipped).isGreaterThan(0);
    }
  }

  @TestFactory
  Stream<DynamicTest> everyCase() {
    return ConformanceCase.all().stream()
        .filter(
            c ->
                !c.isErrorExpectation()
                    && !c.meta.containsKey("rowsUnavailable")
                    && !c.name.equals("kernel-rs/timestamp-partitioned-table"))
        .map(c -> DynamicTest.dynamicTest(c.name, () -> check(c)));
  }

  private static final class Candidate {
    final Column column;
    final Literal literal;
    final DataType type;
    final List<String> physicalPath;

    Candidate(Column column, Literal literal, DataType type, List<String> physicalPath) {
      this.column = column;
      this.literal = literal;
      this.type = type;
      this.physicalPath = physicalPath;
    }
  }

  private static void check(ConformanceCase c) {
    Snapshot snapshot = Table.forPath(engine, c.table().toString()).getLatestSnapshot(engine);
    StructType schema = snapshot.getSchema();
    ColumnMapping.Mode mode = ColumnMapping.mode(snapshot.getProperties());
    Optional<Candidate> partition = Optional.empty();
    Optional<Candidate> data = Optional.empty();
    // Pick values from the middle row of a full scan.
    List<Row> sample = new ArrayList<>();
    try (CloseableIterator<FilteredColumnarBatch> it =
        snapshot.getScanBuilder().build().readData(engine)) {
      while (it.hasNext() && sample.isEmpty()) {
        try (FilteredColumnarBatch b = it.next()) {
          List<Integer> selected = new ArrayList<>();
          for (int i = 0; i < b.getData().getSize(); i++) {
            if (b.isSelected(i)) {
              selected.add(i);
            }
          }
          if (selected.isEmpty()) {
            continue;
          }
          int row = selected.get(selected.size() / 2);
          for (int col = 0; col < schema.length(); col++) {
            StructField f = schema.at(col);
            Optional<Literal> lit = literal(b.getData().getColumnVector(col), row, f.getDataType());
            if (lit.isEmpty()) {
              continue;
            }
            Candidate cand =
                new Candidate(
                    new Column(List.of(f.getName())),
                    lit.get(),
                    f.getDataType(),
                    List.of(ColumnMapping.physicalName(f, mode)));
            if (snapshot.getPartitionColumns().contains(f.getName())) {
              partition = partition.isPresent() ? partition : Optional.of(cand);
            } else {
              data = data.isPresent() ? data : Optional.of(cand);
            }
          }
          sample.add(null);
        }
      }
    }
    partition.ifPresent(
        p -> checkFilter(c, snapshot, Expressions.equal(p.column, p.literal), Optional.empty()));
    if (data.isPresent()) {
      Candidate d = data.get();
      checkFilter(c, snapshot, Expressions.greaterThanOrEqual(d.column, d.literal), Optional.of(d));
      checkFilter(
          c,
          snapshot,
          Expressions.or(Expressions.lessThan(d.column, d.literal), Expressions.isNull(d.column)),
          Optional.empty());
      checkFilter(
          c, snapshot, Expressions.not(Expressions.equal(d.column, d.literal)), Optional.empty());
      partition.ifPresent(
          p ->
              checkFilter(
                  c,
                  snapshot,
                  Expressions.and(
                      Expressions.equal(p.column, p.literal),
                      Expressions.lessThanOrEqual(d.column, d.literal)),
                  Optional.empty()));
    }
  }

  private static Optional<Literal> literal(ColumnVector v, int row, DataType t) {
    if (v.isNullAt(row)) {
      return Optional.empty();
    }
    if (t instanceof IntegerType) {
      return Optional.of(Literal.ofInt(v.getInt(row)));
    } else if (t instanceof LongType) {
      return Optional.of(Literal.ofLong(v.getLong(row)));
    } else if (t instanceof StringType) {
      return Optional.of(Literal.ofString(v.getString(row)));
    } else if (t instanceof DateType) {
      return Optional.of(Literal.ofDate(v.getInt(row)));
    } else if (t instanceof TimestampType) {
      return Optional.of(Literal.ofTimestamp(v.getLong(row)));
    } else if (t instanceof DoubleType) {
      return Optional.of(Literal.ofDouble(v.getDouble(row)));
    } else if (t instanceof DecimalType) {
      DecimalType d = (DecimalType) t;
      return Optional.of(Literal.ofDecimal(v.getDecimal(row), d.getPrecision(), d.getScale()));
    }
    return Optional.empty();
  }

  /**
   * Rows of the scan, filtered in memory by {@code predicate} when given (evaluated by the engine).
   */
  private static List<String> rows(Scan scan, Optional<Predicate> predicate, StructType schema) {
    List<String> out = new ArrayList<>();
    PredicateEvaluator evaluator =
        predicate
            .map(p -> engine.getExpressionHandler().getPredicateEvaluator(schema, p))
            .orElse(null);
    try (CloseableIterator<FilteredColumnarBatch> it = scan.readData(engine)) {
      while (it.hasNext()) {
        try (FilteredColumnarBatch b = it.next()) {
          ColumnVector keep =
              evaluator == null ? null : evaluator.eval(b.getData(), b.getSelectionVector());
          for (int i = 0; i < b.getData().getSize(); i++) {
            if (keep == null ? b.isSelected(i) : keep.getBoolean(i)) {
              out.add(CanonicalJson.row(b.getData(), i));
            }
          }
        }
      }
    }
    out.sort(null);
    return out;
  }

  private static List<Map<String, Object>> selectedFiles(Scan scan) {
    List<Map<String, Object>> out = new ArrayList<>();
    try (CloseableIterator<FilteredColumnarBatch> it = scan.getScanFiles(engine)) {
      while (it.hasNext()) {
        try (FilteredColumnarBatch b = it.next();
            CloseableIterator<Row> rows = b.getRows()) {
          while (rows.hasNext()) {
            Row r = rows.next();
            Map<String, Object> f = new java.util.HashMap<>();
            f.put("path", ScanFile.getPath(r));
            f.put("stats", ScanFile.getStats(r).orElse(null));
            f.put("dv", !r.isNullAt(ScanFile.DELETION_VECTOR));
            out.add(f);
          }
        }
      }
    }
    return out;
  }

  private static void checkFilter(
      ConformanceCase c, Snapshot snapshot, Predicate filter, Optional<Candidate> provable) {
    StructType schema = snapshot.getSchema();
    Scan full = snapshot.getScanBuilder().build();
    Scan filtered = snapshot.getScanBuilder().withFilter(filter).build();
    List<String> expected = rows(full, Optional.of(filter), schema);
    List<String> actual = rows(filtered, filtered.getRemainingFilter(), schema);
    assertThat(actual).as(c.name + " WHERE " + filter).isEqualTo(expected);
    int all = selectedFiles(full).size();
    int kept = selectedFiles(filtered).size();
    filtersChecked++;
    filesSkipped += all - kept;
    System.out.println(
        "[filter conformance] "
            + c.name
            + " WHERE "
            + filter
            + ": "
            + (all - kept)
            + " of "
            + all
            + " files skipped");
    if (provable.isPresent() && provablySkippable(selectedFiles(full), provable.get())) {
      assertThat(all - kept)
          .as(c.name + " WHERE " + filter + ": statistics prove some file irrelevant")
          .isGreaterThan(0);
    }
  }

  /**
   * Whether some file's stats JSON says max(column) < literal (integers and short strings only).
   */
  @SuppressWarnings("unchecked")
  private static boolean provablySkippable(List<Map<String, Object>> files, Candidate d) {
    Object lit = d.literal.getValue().get();
    for (Map<String, Object> f : files) {
      if (f.get("stats") == null || (Boolean) f.get("dv")) {
        continue;
      }
      Object max = ((Map<String, Object>) Json.parse((String) f.get("stats"))).get("maxValues");
      for (String name : d.physicalPath) {
        max = max instanceof Map ? ((Map<String, Object>) max).get(name) : null;
      }
      if (max instanceof Long
          && lit instanceof Number
          && !(lit instanceof BigDecimal)
          && !(lit instanceof Double)
          && (Long) max < ((Number) lit).longValue()) {
        return true;
      }
      if (max instanceof String
          && lit instanceof String
          && d.type instanceof StringType
          && ((String) max).length() < 32
          && ((String) max).compareTo((String) lit) < 0
          && ((String) max).chars().allMatch(ch -> ch < 0x80)
          && ((String) lit).chars().allMatch(ch -> ch < 0x80)) {
        return true;
      }
    }
    return false;
  }
}
