package dev.keel.kernel.defaults.txn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.kernel.Operation;
import dev.keel.kernel.Snapshot;
import dev.keel.kernel.Table;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.utils.CloseableIterator;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writers in separate JVM processes: concurrent appends, optimize racing another process's appends,
 * and writers killed at random moments.
 */
class TestMultiProcessWrites {
  @TempDir Path dir;

  private Process startWorker(String table, int writer, int count, String... appId)
      throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-opens")) {
        cmd.add(arg);
      }
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(AppendWorker.class.getName());
    cmd.add(table);
    cmd.add(Integer.toString(writer));
    cmd.add(Integer.toString(count));
    cmd.add(Files.createDirectories(dir.resolve("scratch-" + writer)).toString());
    cmd.addAll(List.of(appId));
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("worker-" + writer + ".log").toFile())
        .start();
  }

  /** Waits for a worker and fails with its log unless it exited normally. */
  private void awaitSuccess(Process worker, int writer) throws Exception {
    assertThat(worker.waitFor(5, TimeUnit.MINUTES)).as("worker %d finished", writer).isTrue();
    assertThat(worker.exitValue())
        .as(Files.readString(dir.resolve("worker-" + writer + ".log")))
        .isZero();
  }

  /** Waits (up to a minute) until a worker's JVM has started and committed once. */
  private void awaitFirstCommit(int writer) throws Exception {
    Path log = dir.resolve("worker-" + writer + ".log");
    long deadline = System.currentTimeMillis() + 60_000;
    while (!(Files.exists(log) && Files.readString(log).contains("committed"))
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
  }

  private static void create(DefaultEngine engine, String table) {
    Table.forPath(engine, table)
        .createTransactionBuilder("test", Operation.CREATE_TABLE)
        .withSchema(AppendWorker.SCHEMA)
        .withTableProperties(java.util.Map.of("delta.checkpointInterval", "1000"))
        .build(engine)
        .commit(engine);
  }

  private static List<Long> ids(DefaultEngine engine, Snapshot s) {
    List<Long> out = new ArrayList<>();
    try (CloseableIterator<FilteredColumnarBatch> it =
        s.getScanBuilder().build().readData(engine)) {
      while (it.hasNext()) {
        try (FilteredColumnarBatch b = it.next()) {
          for (int i = 0; i < b.getData().getSize(); i++) {
            if (b.isSelected(i)) {
              out.add(b.getData().getColumnVector(0).getLong(i));
            }
          }
        }
      }
    }
    return out;
  }

  @Test
  void twoProcessesAndThisOneAppendConcurrently() throws Exception {
    String table = dir.resolve("t").toString();
    try (DefaultEngine engine = DefaultEngine.create()) {
      create(engine, table);
      int perProcess = 100;
      Process a = startWorker(table, 1, perProcess);
      Process b = startWorker(table, 2, perProcess);
      Process c = startWorker(table, 3, perProcess);
      awaitSuccess(a, 1);
      awaitSuccess(b, 2);
      awaitSuccess(c, 3);
      Snapshot s = Table.forPath(engine, table).getLatestSnapshot(engine);
      assertThat(s.getVersion()).isEqualTo(3 * perProcess);
      List<Long> ids = ids(engine, s);
      assertThat(ids).hasSize(3 * perProcess);
      assertThat(new HashSet<>(ids)).hasSize(3 * perProcess);
    }
  }

  @Test
  void optimizeHereRacingAppendsFromAnotherProcessLosesNoRow() throws Exception {
    String table = dir.resolve("t").toString();
    try (DefaultEngine engine = DefaultEngine.create()) {
      create(engine, table);
      int appends = 150;
      Process worker = startWorker(table, 4, appends);
      int compactedDuringAppends = 0;
      awaitFirstCommit(4);
      long deadline = System.currentTimeMillis() + 120_000;
      for (int round = 0;
          round < 200 && worker.isAlive() && System.currentTimeMillis() < deadline;
          round++) {
        if (Table.forPath(engine, table)
            .optimize(engine, java.util.Optional.empty(), 128L << 20)
            .getVersion()
            .isPresent()) {
          compactedDuringAppends++;
        }
        Thread.sleep(10);
      }
      awaitSuccess(worker, 4);
      assertThat(compactedDuringAppends)
          .as("optimize commits while the worker appended")
          .isPositive();
      boolean lastCompacted =
          Table.forPath(engine, table)
              .optimize(engine, java.util.Optional.empty(), 128L << 20)
              .getVersion()
              .isPresent();
      Snapshot s = Table.forPath(engine, table).getLatestSnapshot(engine);
      List<Long> ids = ids(engine, s);
      ids.sort(null);
      assertThat(ids)
          .isEqualTo(
              java.util.stream.LongStream.range(0, appends)
                  .map(k -> 4_000_000L + k)
                  .boxed()
                  .toList());
      // create, every append, every optimize: no commit overwrote another
      assertThat(s.getVersion())
          .isEqualTo(appends + compactedDuringAppends + (lastCompacted ? 1 : 0));
      System.out.println(
          "[optimize race] "
              + compactedDuringAppends
              + " optimize commits during "
              + appends
              + " appends");
    }
  }

  @Test
  void twoProcessesReplayingOneIdempotentStreamCommitEachVersionOnce() throws Exception {
    String table = dir.resolve("t").toString();
    try (DefaultEngine engine = DefaultEngine.create()) {
      create(engine, table);
      int versions = 120;
      Process a = startWorker(table, 1, versions, "ingest");
      Process b = startWorker(table, 2, versions, "ingest");
      awaitSuccess(a, 1);
      awaitSuccess(b, 2);
      String logs =
          Files.readString(dir.resolve("worker-1.log"))
              + Files.readString(dir.resolve("worker-2.log"));
      long committed = logs.lines().filter(l -> l.startsWith("committed ")).count();
      long skipped = logs.lines().filter(l -> l.startsWith("skipped ")).count();
      assertThat(committed).isEqualTo(versions);
      assertThat(skipped).isEqualTo(versions);
      Snapshot s = Table.forPath(engine, table).getLatestSnapshot(engine);
      assertThat(s.getVersion()).isEqualTo(versions);
      assertThat(s.getLatestTransactionVersion(engine, "ingest")).contains((long) versions - 1);
      List<Long> ids = ids(engine, s);
      ids.sort(null);
      assertThat(ids).isEqualTo(java.util.stream.LongStream.range(0, versions).boxed().toList());
    }
  }

  @Test
  void aWriterKilledAtAnyMomentLeavesAConsistentTable() throws Exception {
    String table = dir.resolve("t").toString();
    Random random = new Random(42);
    try (DefaultEngine engine = DefaultEngine.create()) {
      create(engine, table);
      long before = 0;
      for (int round = 0; round < 4; round++) {
        Process p = startWorker(table, 10 + round, -1);
        // wait for the worker's first commit, then kill it at a random moment of its loop
        awaitFirstCommit(10 + round);
        Thread.sleep(random.nextInt(400));
        p.destroyForcibly();
        assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
        Snapshot s = Table.forPath(engine, table).getLatestSnapshot(engine);
        // every committed version holds exactly one row, and only commit files count
        List<Long> ids = ids(engine, s);
        assertThat(ids).as("round %d", round).hasSize((int) s.getVersion()).doesNotHaveDuplicates();
        Set<String> logFiles = new HashSet<>();
        try (Stream<Path> files = Files.list(dir.resolve("t/_delta_log"))) {
          files.forEach(f -> logFiles.add(f.getFileName().toString()));
        }
        for (long v = 0; v <= s.getVersion(); v++) {
          assertThat(logFiles).contains(String.format("%020d.json", v));
        }
        assertThat(logFiles).doesNotContain(String.format("%020d.json", s.getVersion() + 1));
        assertThat(s.getVersion())
            .as("round %d committed something before the kill", round)
            .isGreaterThan(before);
        before = s.getVersion();
      }
      // the table stays writable after the kills
      Process p = startWorker(table, 99, 2);
      assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
      assertThat(p.exitValue()).isZero();
    }
  }
}
