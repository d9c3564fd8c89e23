package dev.keel.benchmarks.replay;

import dev.keel.benchmarks.GeneratedTables;
import dev.keel.kernel.Table;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.internal.snapshot.SnapshotImpl;
import dev.keel.kernel.internal.txn.CheckpointWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Generates the synthetic log-replay tables of the benchmarks by writing the log directly (no data
 * files: replay never opens them), once, under {@code java.io.tmpdir/keel-bench/synthetic}:
 *
 * <ul>
 *   <li>{@code classic}: 1,000,000 files added in 10 commits, a classic checkpoint at version 9,
 *       then 100 commits of 10 adds and 5 removes each (1,000,500 live files);
 *   <li>{@code multipart}: the same with a 10-part classic checkpoint;
 *   <li>{@code v2}: the same on a table with the {@code v2Checkpoint} feature, with a V2 checkpoint
 *       whose file actions are in 4 sidecars;
 *   <li>{@code commits10k}: 10,000 commits of one add each, no checkpoint;
 *   <li>{@code classic10m}, {@code multipart10m}: {@code classic} and {@code multipart} with
 *       10,000,000 files in the checkpoint (about 7 GB of commits and 1.3 GB of checkpoint each),
 *       for the bounded-memory listing ({@link BoundedMemoryListing}).
 * </ul>
 *
 * Files are partitioned by {@code p} (100 values) and file {@code i} holds ids {@code [1000 i, 1000
 * i + 999]}, so a partition filter keeps 1% and an id range a few files. Checkpoints are written by
 * Keel's own checkpoint writer. A table is regenerated when its {@code _generated} marker is
 * missing. Run {@code main} to generate them all ahead of a run.
 */
public final class SyntheticTables {
  private SyntheticTables() {}

  public static final int FILES = 1_000_000;
  static final int BASE_COMMITS = 10;
  static final int TAIL_COMMITS = 100;
  static final String SCHEMA =
      "{\\\"type\\\":\\\"struct\\\",\\\"fields\\\":["
          + "{\\\"name\\\":\\\"id\\\",\\\"type\\\":\\\"long\\\",\\\"nullable\\\":true,\\\"metadata\\\":{}},"
          + "{\\\"name\\\":\\\"value\\\",\\\"type\\\":\\\"double\\\",\\\"nullable\\\":true,\\\"metadata\\\":{}},"
          + "{\\\"name\\\":\\\"name\\\",\\\"type\\\":\\\"string\\\",\\\"nullable\\\":true,\\\"metadata\\\":{}},"
          + "{\\\"name\\\":\\\"ts\\\",\\\"type\\\":\\\"timestamp\\\",\\\"nullable\\\":true,\\\"metadata\\\":{}},"
          + "{\\\"name\\\":\\\"p\\\",\\\"type\\\":\\\"integer\\\",\\\"nullable\\\":true,\\\"metadata\\\":{}}]}";

  /**
   * @return the root of the named table, generated if needed
   */
  public static Path get(String kind) throws IOException {
    Path table = Paths.get(System.getProperty("java.io.tmpdir"), "keel-bench", "synthetic", kind);
    if (Files.exists(table.resolve("_generated"))) {
      return table;
    }
    GeneratedTables.deleteRecursively(table);
    Path log = Files.createDirectories(table.resolve("_delta_log"));
    int files = kind.endsWith("10m") ? 10_000_000 : FILES;
    String layoutKind = kind.replace("10m", "");
    switch (layoutKind) {
      case "classic":
      case "multipart":
      case "v2":
        boolean v2 = layoutKind.equals("v2");
        int perCommit = files / BASE_COMMITS;
        for (int v = 0; v < BASE_COMMITS; v++) {
          try (BufferedWriter w = commit(log, v)) {
            if (v == 0) {
              header(w, v2);
            }
            for (int i = v * perCommit; i < (v + 1) * perCommit; i++) {
              w.write(add(i));
            }
          }
        }
        try (DefaultEngine engine = DefaultEngine.create()) {
          SnapshotImpl s =
              (SnapshotImpl)
                  Table.forPath(engine, table.toString())
                      .getSnapshotAsOfVersion(engine, BASE_COMMITS - 1);
          CheckpointWriter.Layout layout =
              layoutKind.equals("classic")
                  ? CheckpointWriter.Layout.classic()
                  : layoutKind.equals("multipart")
                      ? CheckpointWriter.Layout.multiPart(10)
                      : CheckpointWriter.Layout.v2(files / 4);
          CheckpointWriter.write(engine, s, layout, System.currentTimeMillis());
        }
        int next = files;
        for (int v = BASE_COMMITS; v < BASE_COMMITS + TAIL_COMMITS; v++) {
          try (BufferedWriter w = commit(log, v)) {
            w.write(commitInfo(v));
            for (int k = 0; k < 10; k++) {
              w.write(add(next++));
            }
            for (int k = 0; k < 5; k++) {
              w.write(remove((v - BASE_COMMITS) * 5 + k));
            }
          }
        }
        break;
      case "commits10k":
        for (int v = 0; v < 10_000; v++) {
          try (BufferedWriter w = commit(log, v)) {
            if (v == 0) {
              header(w, false);
            }
            w.write(commitInfo(v));
            w.write(add(v));
          }
        }
        break;
      default:
        throw new IllegalArgumentException("unknown synthetic table " + kind);
    }
    Files.writeString(table.resolve("_generated"), "ok\n");
    return table;
  }

  private static BufferedWriter commit(Path log, long v) throws IOException {
    return Files.newBufferedWriter(
        log.resolve(String.format("%020d.json", v)), StandardCharsets.UTF_8);
  }

  private static void header(BufferedWriter w, boolean v2) throws IOException {
    w.write(commitInfo(0));
    w.write(
        v2
            ? "{\"protocol\":{\"minReaderVersion\":3,\"minWriterVersion\":7,\"readerFeatures\":[\"v2Checkpoint\"],"
                + "\"writerFeatures\":[\"v2Checkpoint\"]}}\n"
            : "{\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":2}}\n");
    w.write(
        "{\"metaData\":{\"id\":\"00000000-0000-0000-0000-00000000000"
            + (v2 ? "2" : "1")
            + "\",\"format\":{\"provider\":\"parquet\","
            + "\"options\":{}},\"schemaString\":\""
            + SCHEMA
            + "\",\"partitionColumns\":[\"p\"],\"configuration\":{"
            + (v2 ? "\"delta.checkpointPolicy\":\"v2\"" : "")
            + "},\"createdTime\":1700000000000}}\n");
  }

  private static String commitInfo(long v) {
    return "{\"commitInfo\":{\"timestamp\":"
        + (1700000000000L + v * 1000)
        + ",\"operation\":\"WRITE\","
        + "\"operationParameters\":{\"mode\":\"Append\"},\"isBlindAppend\":true,\"engineInfo\":\"keel-bench\"}}\n";
  }

  static String path(int i) {
    return "p="
        + (i % 100)
        + "/part-"
        + String.format("%07d", i)
        + "-4f6b1c2e-8d3a-4b5c-9e7f-0a1b2c3d4e5f.c000.snappy.parquet";
  }

  private static String add(int i) {
    long min = 1000L * i;
    return "{\"add\":{\"path\":\""
        + path(i)
        + "\",\"partitionValues\":{\"p\":\""
        + (i % 100)
        + "\"},\"size\":"
        + (100_000 + i % 1000)
        + ",\"modificationTime\":"
        + (1700000000000L + i)
        + ",\"dataChange\":true,\"stats\":"
        + "\"{\\\"numRecords\\\":1000,\\\"minValues\\\":{\\\"id\\\":"
        + min
        + ",\\\"value\\\":-1.5,\\\"name\\\":\\\"a"
        + (i % 7)
        + "\\\",\\\"ts\\\":\\\"2024-01-01T00:00:00.000Z\\\"},\\\"maxValues\\\":{\\\"id\\\":"
        + (min + 999)
        + ",\\\"value\\\":99.5,\\\"name\\\":\\\"z"
        + (i % 7)
        + "\\\",\\\"ts\\\":\\\"2024-12-31T23:59:59.999Z\\\"},"
        + "\\\"nullCount\\\":{\\\"id\\\":0,\\\"value\\\":3,\\\"name\\\":0,\\\"ts\\\":0}}\"}}\n";
  }

  private static String remove(int i) {
    return "{\"remove\":{\"path\":\""
        + path(i)
        + "\",\"deletionTimestamp\":"
        + (1800000000000L + i)
        + ",\"dataChange\":true,\"extendedFileMetadata\":true,\"partitionValues\":{\"p\":\""
        + (i % 100)
        + "\"},\"size\":"
        + (100_000 + i % 1000)
        + "}}\n";
  }

  /**
   * Generates the synthetic tables.
   *
   * @param args the kinds to generate; all but the 10,000,000-file ones when none
   * @throws IOException if writing fails
   */
  public static void main(String[] args) throws IOException {
    String[] kinds =
        args.length > 0 ? args : new String[] {"classic", "multipart", "v2", "commits10k"};
    for (String kind : kinds) {
      long t0 = System.nanoTime();
      Path t = get(kind);
      System.out.printf("%s: %s (%.1f s)%n", kind, t, (System.nanoTime() - t0) / 1e9);
    }
  }
}
