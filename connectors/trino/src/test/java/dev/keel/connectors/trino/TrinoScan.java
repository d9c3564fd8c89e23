package dev.keel.connectors.trino;

import dev.keel.kernel.Operation;
import dev.keel.kernel.Snapshot;
import dev.keel.kernel.Table;
import dev.keel.kernel.Transaction;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.defaults.testing.TestBatches;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import io.trino.testing.DistributedQueryRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A plain benchmark (not JMH: it needs Java 25 and a Trino in the JVM): a scan of 2,000,000 rows of
 * four columns (long, double, string, date; 8 files) through SQL in a coordinator and two workers,
 * against Keel's own read of the same rows in the same JVM. Prints medians of rows per second. See
 * benchmarks/README.md for the command.
 */
public final class TrinoScan {
  private static final StructType SCHEMA =
      new StructType(
          List.of(
              new StructField("id", DataTypes.LONG, true),
              new StructField("d", DataTypes.DOUBLE, true),
              new StructField("s", DataTypes.STRING, true),
              new StructField("day", DataTypes.DATE, true)));

  private TrinoScan() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Path table = Paths.get(System.getProperty("java.io.tmpdir"), "keel-bench", "trino-scan-2m");
    try (DefaultEngine engine = DefaultEngine.builder().batchSize(250_000).build()) {
      generate(engine, table);
      long[] keel = new long[rounds];
      long[] trino = new long[rounds];
      try (DistributedQueryRunner runner =
          KeelQueryRunner.create(Map.of("keel.table.b.t", table.toString()))) {
        for (int r = -2; r < rounds; r++) {
          long start = System.nanoTime();
          long rows = keelRead(engine, table);
          long keelNanos = System.nanoTime() - start;
          start = System.nanoTime();
          Object trinoRows =
              runner
                  .execute("SELECT count(id), sum(d), count(s), max(day) FROM keel.b.t")
                  .getMaterializedRows()
                  .get(0)
                  .getField(0);
          long trinoNanos = System.nanoTime() - start;
          if (rows != 2_000_000 || !trinoRows.equals(2_000_000L)) {
            throw new IllegalStateException(rows + " and " + trinoRows + " rows, not 2,000,000");
          }
          if (r >= 0) {
            keel[r] = keelNanos;
            trino[r] = trinoNanos;
          }
        }
      }
      // one line (Trino's logging takes over System.out, one print at a time)
      System.out.println(
          String.format(
              "2,000,000 rows: Keel's own read median %d ms (%,.0f rows/s); through Trino (SQL, 2"
                  + " workers) median %d ms (%,.0f rows/s)",
              median(keel) / 1_000_000,
              2e6 / (median(keel) / 1e9),
              median(trino) / 1_000_000,
              2e6 / (median(trino) / 1e9)));
    }
  }

  /** Reads every value of the four columns, as the query does. */
  private static long keelRead(DefaultEngine engine, Path table) {
    Snapshot s = Table.forPath(engine, table.toString()).getLatestSnapshot(engine);
    long rows = 0;
    double sink = 0;
    try (CloseableIterator<FilteredColumnarBatch> it =
        s.getScanBuilder().build().readData(engine)) {
      while (it.hasNext()) {
        try (FilteredColumnarBatch b = it.next()) {
          ColumnarBatch data = b.getData();
          for (int i = 0; i < data.getSize(); i++) {
            sink += data.getColumnVector(0).getLong(i) + data.getColumnVector(1).getDouble(i);
            sink += data.getColumnVector(2).isNullAt(i) ? 0 : 1;
            sink += data.getColumnVector(3).getInt(i);
            rows++;
          }
        }
      }
    }
    return sink == 42 ? -1 : rows;
  }

  private static void generate(DefaultEngine engine, Path table) throws Exception {
    if (Files.exists(table.resolve("_generated"))) {
      return;
    }
    Table.forPath(engine, table.toString())
        .createTransactionBuilder("bench", Operation.CREATE_TABLE)
        .withSchema(SCHEMA)
        .build(engine)
        .commit(engine);
    for (int f = 0; f < 8; f++) {
      String[] rows = new String[250_000];
      for (int i = 0; i < rows.length; i++) {
        long id = (long) f * rows.length + i;
        rows[i] =
            "{\"id\":"
                + id
                + ",\"d\":"
                + (id * 0.5)
                + ",\"s\":\"value "
                + (id % 1000)
                + "\",\"day\":\"2024-01-"
                + (10 + id % 20)
                + "\"}";
      }
      Transaction t =
          Table.forPath(engine, table.toString())
              .createTransactionBuilder("bench", Operation.WRITE)
              .build(engine);
      t.writeRows(engine, TestBatches.owningIterator(engine, SCHEMA, table.getParent(), rows));
      t.commit(engine);
    }
    Files.writeString(table.resolve("_generated"), "ok\n");
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
