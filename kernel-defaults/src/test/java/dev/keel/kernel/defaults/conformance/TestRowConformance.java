package dev.keel.kernel.defaults.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.Scan;
import dev.keel.kernel.Snapshot;
import dev.keel.kernel.Table;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.defaults.canonical.CanonicalJson;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.exceptions.KernelException;
import dev.keel.kernel.utils.CloseableIterator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The rows of every readable case, at the latest version and every time-travel version, against
 * {@code rows.jsonl} / {@code rows_v<N>.jsonl} as multisets of canonical lines (cases/README.md).
 * Cases whose rows Spark could not read ({@code rowsUnavailable}) must fail to read. Decisions:
 *
 * <ul>
 *   <li>see {@link TestSnapshotConformance} for the cases Keel refuses at snapshot level;
 *   <li>{@code kernel-rs/type-widening} changes byte and int columns to decimals, which neither
 *       reference reads; Keel's readers implement that widening, so the rows must read, and their
 *       count must equal the {@code numRecords} the log's statistics give (no expected rows exist);
 * </ul>
 *
 * <p>Variant columns are compared with Spark's JSON text of each value; files with shredded
 * variants ({@code typed_value}) are refused with an unsupported-type error (none of the cases has
 * one: {@code spark-shredded-variant-preview-delta} enables the feature but stores its values
 * unshredded).
 */
class TestRowConformance {
  private static DefaultEngine engine;

  @BeforeAll
  static void open() {
    engine = DefaultEngine.create();
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  @TestFactory
  Stream<DynamicTest> everyCase() {
    return ConformanceCase.all().stream()
        .filter(
            c ->
                !c.isErrorExpectation()
                    && !List.of(
                            "golden/corrupted-last-checkpoint",
                            "golden/deltalog-commit-info",
                            "golden/update-deleted-directory",
                            "kernel-rs/timestamp-partitioned-table")
                        .contains(c.name))
        .map(c -> DynamicTest.dynamicTest(c.name, () -> check(c)));
  }

  private static void check(ConformanceCase c) {
    Table table = Table.forPath(engine, c.table().toString());
    Snapshot latest = table.getLatestSnapshot(engine);
    Path rows = c.dir.resolve("expected/rows.jsonl");
    Path rowsGz = c.dir.resolve("expected/rows.jsonl.gz");
    if (c.name.equals("kernel-rs/type-widening")) {
      assertThat((long) readAll(latest).size()).isEqualTo(numRecordsFromStats(latest));
      return;
    }
    if (c.meta.containsKey("rowsUnavailable")) {
      assertThatThrownBy(() -> readAll(latest))
          .as(c.name + ": " + c.meta.get("rowsUnavailable"))
          .isInstanceOf(KernelException.class);
    } else if (Files.exists(rows) || Files.exists(rowsGz)) {
      ConformanceCase.compareRows(
          c.name,
          readAll(latest),
          ConformanceCase.expectedLines(Files.exists(rows) ? rows : rowsGz));
    }
    Path rowTracking = c.dir.resolve("expected/row_tracking.jsonl");
    if (Files.exists(rowTracking)) {
      ConformanceCase.compareRows(
          c.name + " row tracking",
          readWithRowTracking(engine, latest),
          ConformanceCase.expectedLines(rowTracking));
    }
    for (long v : c.timeTravelVersions()) {
      Path file = c.dir.resolve("expected/rows_v" + v + ".jsonl");
      if (Files.exists(file)) {
        ConformanceCase.compareRows(
            c.name + "@v" + v,
            readAll(table.getSnapshotAsOfVersion(engine, v)),
            ConformanceCase.expectedLines(file));
      }
    }
  }

  static List<String> readAll(Snapshot snapshot) {
    return readAll(engine, snapshot);
  }

  static List<String> readAll(dev.keel.kernel.engine.Engine engine, Snapshot snapshot) {
    Scan scan = snapshot.getScanBuilder().build();
    List<String> out = new ArrayList<>();
    try (CloseableIterator<FilteredColumnarBatch> it = scan.readData(engine)) {
      while (it.hasNext()) {
        try (FilteredColumnarBatch b = it.next()) {
          for (int i = 0; i < b.getData().getSize(); i++) {
            if (b.isSelected(i)) {
              out.add(CanonicalJson.row(b.getData(), i));
            }
          }
        }
      }
    }
    return out;
  }

  /**
   * Rows plus {@code _row_id} and {@code _row_commit_version}, keyed as Spark's answer names them.
   */
  static List<String> readWithRowTracking(dev.keel.kernel.engine.Engine engine, Snapshot snapshot) {
    dev.keel.kernel.types.StructType schema =
        snapshot
            .getSchema()
            .add(dev.keel.kernel.engine.MetadataColumns.ROW_ID)
            .add(dev.keel.kernel.engine.MetadataColumns.ROW_COMMIT_VERSION);
    Scan scan = snapshot.getScanBuilder().withReadSchema(schema).build();
    List<String> out = new ArrayList<>();
    try (CloseableIterator<FilteredColumnarBatch> it = scan.readData(engine)) {
      while (it.hasNext()) {
        try (FilteredColumnarBatch b = it.next()) {
          for (int i = 0; i < b.getData().getSize(); i++) {
            if (!b.isSelected(i)) {
              continue;
            }
            java.util.TreeMap<String, String> fields = new java.util.TreeMap<>();
            for (int col = 0; col < schema.length(); col++) {
              String name =
                  schema
                      .at(col)
                      .getName()
                      .replace("_metadata.row_id", "_row_id")
                      .replace("_metadata.row_commit_version", "_row_commit_version");
              fields.put(
                  name,
                  CanonicalJson.value(
                      b.getData().getColumnVector(col), i, schema.at(col).getDataType()));
            }
            StringBuilder sb = new StringBuilder("{");
            fields.forEach(
                (k, v) -> {
                  if (sb.length() > 1) {
                    sb.append(',');
                  }
                  CanonicalJson.string(sb, k);
                  sb.append(':').append(v);
                });
            out.add(sb.append('}').toString());
          }
        }
      }
    }
    return out;
  }

  private static long numRecordsFromStats(Snapshot s) {
    long total = 0;
    try (CloseableIterator<FilteredColumnarBatch> it = s.getFiles(engine)) {
      while (it.hasNext()) {
        try (FilteredColumnarBatch b = it.next();
            CloseableIterator<dev.keel.kernel.data.Row> rows = b.getRows()) {
          while (rows.hasNext()) {
            String stats = dev.keel.kernel.ScanFile.getStats(rows.next()).orElseThrow();
            total +=
                (Long)
                    ((java.util.Map<?, ?>) dev.keel.kernel.internal.util.Json.parse(stats))
                        .get("numRecords");
          }
        }
      }
    }
    return total;
  }
}
