package dev.keel.benchmarks.replay;

import dev.keel.benchmarks.HeapWatch;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.arrow.memory.RootAllocator;
import org.apache.hadoop.conf.Configuration;

/**
 * Lists every file of a synthetic table in whatever heap the JVM was given ({@code -Xmx}), through
 * Keel or the reference Delta Kernel Java, and reports the file count, the time, and the largest
 * heap occupancy right after a collection (what the listing kept reachable), and for Keel the peak
 * of Arrow (off-heap) memory since the start; or that it ran out of memory. Not a JMH benchmark:
 * the question is whether a listing fits a heap, and the answer is a separate JVM per kernel and
 * heap size.
 *
 * <p>Arguments: {@code keel|reference}, a {@link SyntheticTables} kind (generated beforehand: the
 * program does not generate tables, which needs far more heap than listing them), {@code
 * stats|nostats}, and the number of rounds (default 3; the first lists a fresh table object, as
 * every round does, in a JVM that has listed nothing yet).
 *
 * <p>Exit status 0 when every round listed the files, 3 on {@link OutOfMemoryError}.
 */
public final class BoundedMemoryListing {
  private BoundedMemoryListing() {}

  /**
   * @param args see the class comment
   * @throws Exception if the table is missing or a kernel fails otherwise
   */
  public static void main(String[] args) throws Exception {
    String kernel = args[0];
    String kind = args[1];
    boolean stats = args.length > 2 && args[2].equals("stats");
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    Path table = Paths.get(System.getProperty("java.io.tmpdir"), "keel-bench", "synthetic", kind);
    if (!Files.exists(table.resolve("_generated"))) {
      throw new IllegalStateException(
          table + " is not generated; run SyntheticTables " + kind + " first, with a large heap");
    }
    HeapWatch heap = new HeapWatch();
    long maxHeap = Runtime.getRuntime().maxMemory();
    System.out.printf(
        "%s, %s, %s, max heap %d MB%n", kernel, kind, stats ? "stats" : "no stats", maxHeap >> 20);
    RootAllocator arrow = new RootAllocator();
    DefaultEngine keel =
        kernel.equals("keel") ? DefaultEngine.builder().allocator(arrow).build() : null;
    io.delta.kernel.engine.Engine reference =
        kernel.equals("reference")
            ? io.delta.kernel.defaults.engine.DefaultEngine.create(new Configuration())
            : null;
    try {
      for (int r = 1; r <= rounds; r++) {
        heap.reset();
        long t0 = System.nanoTime();
        long files =
            keel != null
                ? Replay.keel(keel, table.toString(), stats)
                : Replay.reference(reference, table.toString(), stats);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf(
            "round %d: %,d files in %,d ms; peak heap after GC %,d MB; Arrow peak %,d MB%n",
            r, files, ms, heap.peakAfterGc() >> 20, arrow.getPeakMemoryAllocation() >> 20);
      }
    } catch (OutOfMemoryError e) {
      System.out.println("OutOfMemoryError: " + e.getMessage());
      e.printStackTrace(System.out);
      System.exit(3);
    } finally {
      if (keel != null) {
        keel.close();
      }
      arrow.close();
    }
  }
}
