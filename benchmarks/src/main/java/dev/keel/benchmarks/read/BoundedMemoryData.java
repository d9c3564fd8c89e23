package dev.keel.benchmarks.read;

import dev.keel.benchmarks.GeneratedTables;
import dev.keel.benchmarks.HeapWatch;
import dev.keel.kernel.Operation;
import dev.keel.kernel.Table;
import dev.keel.kernel.Transaction;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.memory.RootAllocator;

/**
 * Writes one large Parquet file through a Keel {@link Transaction} and reads it back, in whatever
 * heap the JVM was given ({@code -Xmx}), reporting for each the bytes, the time, the largest heap
 * occupancy right after a collection and the peak of Arrow (off-heap) memory. The rows are those of
 * {@link DataReadBenchmark} (20 columns of 11 types), parsed from JSON by the engine in batches of
 * 100,000 rows; the engine's target file size is raised so the table is one file.
 *
 * <p>Arguments: {@code write ROWS} (replaces the table under {@code
 * java.io.tmpdir/keel-bench/data-bounded}) or {@code read}. Not a JMH benchmark: the question is
 * whether the work fits a heap.
 */
public final class BoundedMemoryData {
  private BoundedMemoryData() {}

  /**
   * @param args see the class comment
   * @throws IOException if the table cannot be written or read
   */
  public static void main(String[] args) throws IOException {
    Path dir = Paths.get(System.getProperty("java.io.tmpdir"), "keel-bench", "data-bounded");
    HeapWatch heap = new HeapWatch();
    System.out.printf("max heap %d MB%n", Runtime.getRuntime().maxMemory() >> 20);
    try (RootAllocator arrow = new RootAllocator()) {
      try (DefaultEngine engine =
          DefaultEngine.builder().allocator(arrow).targetFileSize(1L << 40).build()) {
        long t0 = System.nanoTime();
        long rows;
        if (args[0].equals("write")) {
          rows = write(engine, dir, Long.parseLong(args[1]));
        } else {
          rows = read(engine, dir);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        long bytes = 0;
        int files = 0;
        try (Stream<Path> all = Files.walk(dir)) {
          for (Path p : (Iterable<Path>) all::iterator) {
            if (p.toString().endsWith(".parquet")) {
              bytes += Files.size(p);
              files++;
            }
          }
        }
        System.out.printf(
            "%s: %,d rows, %d Parquet file(s) of %,d MB in %,d ms; peak heap after GC %,d MB;"
                + " Arrow peak %,d MB%n",
            args[0],
            rows,
            files,
            bytes >> 20,
            ms,
            heap.peakAfterGc() >> 20,
            arrow.getPeakMemoryAllocation() >> 20);
      }
    }
  }

  private static long write(DefaultEngine engine, Path dir, long rows) throws IOException {
    GeneratedTables.deleteRecursively(dir);
    Transaction t =
        Table.forPath(engine, dir.toString())
            .createTransactionBuilder("keel-bench", Operation.CREATE_TABLE)
            .withSchema(DataReadBenchmark.SCHEMA)
            .build(engine);
    CloseableIterator<ColumnarBatch> batches = DataReadBenchmark.batches(engine, rows);
    t.write(engine, Map.of(), batches);
    t.commit(engine);
    return rows;
  }

  private static long read(DefaultEngine engine, Path dir) {
    long[] rowsAndSum = DataReadBenchmark.scan(engine, dir.toString(), DataReadBenchmark.SCHEMA);
    if (rowsAndSum[1] < 0) {
      throw new IllegalStateException("the ids sum to " + rowsAndSum[1]);
    }
    return rowsAndSum[0];
  }
}
