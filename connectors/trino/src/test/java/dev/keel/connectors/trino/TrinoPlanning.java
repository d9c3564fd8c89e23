package dev.keel.connectors.trino;

import static io.trino.testing.TestingConnectorSession.SESSION;

import dev.keel.kernel.Scan;
import dev.keel.kernel.Table;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.testing.SharedData;
import dev.keel.kernel.utils.CloseableIterator;
import io.trino.filesystem.local.LocalFileSystem;
import io.trino.spi.connector.ColumnHandle;
import io.trino.spi.connector.ConnectorSplitSource;
import io.trino.spi.connector.Constraint;
import io.trino.spi.connector.SchemaTableName;
import io.trino.spi.type.TypeOperators;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A plain benchmark (not JMH: it needs Java 25 and the connector's package): planning the 300k-file
 * table through the Trino connector (a fresh connector each round: table handle, then every split
 * enumerated) against Keel's own fresh listing (a fresh snapshot, every scan file) on the default
 * engine and on the plugin's {@link TrinoEngine}, alternating, in one JVM. Prints the medians. See
 * benchmarks/README.md for the command.
 */
public final class TrinoPlanning {
  private TrinoPlanning() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    Path table = table300k();
    TypeOperators operators = new TypeOperators();
    long[] keel = new long[rounds];
    long[] trino = new long[rounds];
    long[] trinoEngine = new long[rounds];
    long files = 0;
    long splits = 0;
    try (DefaultEngine engine = DefaultEngine.create()) {
      for (int r = -3; r < rounds; r++) {
        long start = System.nanoTime();
        files = 0;
        Scan scan =
            Table.forPath(engine, table.toString())
                .getLatestSnapshot(engine)
                .getScanBuilder()
                .build();
        try (CloseableIterator<FilteredColumnarBatch> it = scan.getScanFiles(engine)) {
          while (it.hasNext()) {
            try (FilteredColumnarBatch b = it.next()) {
              files += b.getSelectedCount();
            }
          }
        }
        long keelNanos = System.nanoTime() - start;

        // the same listing on the plugin's engine (Jackson into Trino blocks, Trino's Parquet)
        start = System.nanoTime();
        long engineFiles = 0;
        try (TrinoEngine te = new TrinoEngine(new LocalFileSystem(Path.of("/")))) {
          Scan s =
              Table.forPath(te, table.toString()).getLatestSnapshot(te).getScanBuilder().build();
          try (CloseableIterator<FilteredColumnarBatch> it = s.getScanFiles(te)) {
            while (it.hasNext()) {
              try (FilteredColumnarBatch b = it.next()) {
                engineFiles += b.getSelectedCount();
              }
            }
          }
        }
        long engineNanos = System.nanoTime() - start;
        if (engineFiles != files) {
          throw new IllegalStateException(engineFiles + " files on TrinoEngine, " + files);
        }

        start = System.nanoTime();
        KeelConnector connector =
            new KeelConnector(
                KeelConfig.parse(Map.of("keel.table.b.t", table.toString())),
                new LocalFileSystem(Path.of("/")),
                new KeelTypes(operators));
        try {
          KeelTransactionHandle txn =
              (KeelTransactionHandle) connector.beginTransaction(null, true, true);
          KeelTableHandle handle =
              (KeelTableHandle)
                  connector
                      .getMetadata(SESSION, txn)
                      .getTableHandle(
                          SESSION,
                          new SchemaTableName("b", "t"),
                          Optional.empty(),
                          Optional.empty());
          ConnectorSplitSource source =
              connector
                  .getSplitManager()
                  .getSplits(txn, SESSION, handle, Set.<ColumnHandle>of(), Constraint.alwaysTrue());
          splits = 0;
          while (!source.isFinished()) {
            splits +=
                source
                    .getNextBatch(10_000, io.trino.spi.connector.DynamicFilterSnapshot.EMPTY)
                    .get()
                    .size();
          }
          source.close();
        } finally {
          connector.shutdown();
        }
        long trinoNanos = System.nanoTime() - start;
        if (r >= 0) {
          keel[r] = keelNanos;
          trino[r] = trinoNanos;
          trinoEngine[r] = engineNanos;
        }
      }
    }
    if (files != splits) {
      throw new IllegalStateException(files + " files listed but " + splits + " splits");
    }
    System.out.printf(
        "%,d files; Keel fresh listing on the default engine median %d ms (fastest %d), on the"
            + " plugin's TrinoEngine median %d ms (fastest %d); through the Trino connector"
            + " (fresh connector, table handle, all splits) median %d ms (fastest %d)%n",
        files,
        median(keel) / 1_000_000,
        Arrays.stream(keel).min().getAsLong() / 1_000_000,
        median(trinoEngine) / 1_000_000,
        Arrays.stream(trinoEngine).min().getAsLong() / 1_000_000,
        median(trino) / 1_000_000,
        Arrays.stream(trino).min().getAsLong() / 1_000_000);
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static Path table300k() throws Exception {
    Path target = Paths.get(System.getProperty("java.io.tmpdir"), "keel-bench");
    Path table = target.resolve("300k-add-files-100-col-partitioned");
    if (!Files.isDirectory(table.resolve("_delta_log"))) {
      Files.createDirectories(target);
      Path archive =
          SharedData.requireShared()
              .resolve("benchmarks/300k-add-files-100-col-partitioned.tar.gz");
      Process p =
          new ProcessBuilder("tar", "xzf", archive.toString(), "-C", target.toString())
              .inheritIO()
              .start();
      if (p.waitFor() != 0) {
        throw new IllegalStateException("tar failed to extract " + archive);
      }
    }
    return table;
  }
}
