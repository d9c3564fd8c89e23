package dev.keel.connectors.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.FileStream;
import dev.keel.kernel.Operation;
import dev.keel.kernel.StreamPosition;
import dev.keel.kernel.Table;
import dev.keel.kernel.Transaction;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.defaults.testing.TestBatches;
import dev.keel.kernel.exceptions.KernelException;
import dev.keel.kernel.expressions.Expressions;
import dev.keel.kernel.expressions.Literal;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The continuous source in a Flink mini cluster: it tails a table while commits land, each row
 * arriving once, and a delete without {@code ignoreDeletes} fails the job with Keel's message.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES) // a stalled job blocks hasNext(): bound it
class TestKeelContinuousEnumerator {
  @RegisterExtension static final MiniClusterExtension FLINK = FlinkTestCluster.create();

  private static final StructType SCHEMA =
      new StructType(List.of(new StructField("id", DataTypes.LONG, true)));

  @TempDir Path dir;

  private void append(DefaultEngine engine, String path, long from, int count) {
    String[] rows = new String[count];
    for (int i = 0; i < count; i++) {
      rows[i] = "{\"id\":" + (from + i) + "}";
    }
    Transaction t =
        Table.forPath(engine, path).createTransactionBuilder("test", Operation.WRITE).build(engine);
    t.writeRows(engine, TestBatches.owningIterator(engine, SCHEMA, dir, rows));
    t.commit(engine);
  }

  private String newTable(DefaultEngine engine) {
    String path = dir.resolve("t").toString();
    Table.forPath(engine, path)
        .createTransactionBuilder("test", Operation.CREATE_TABLE)
        .withSchema(SCHEMA)
        .build(engine)
        .commit(engine);
    return path;
  }

  private static CloseableIterator<RowData> run(KeelSource source) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    return env.fromSource(source, WatermarkStrategy.noWatermarks(), "tail").executeAndCollect();
  }

  @Test
  void tailsATableWhileCommitsLandEveryRowOnce() throws Exception {
    try (DefaultEngine engine = DefaultEngine.create()) {
      String path = newTable(engine);
      append(engine, path, 0, 10);
      KeelSource source = KeelSource.forTable(path).continuous(Duration.ofMillis(100)).build();
      Thread writer =
          new Thread(
              () -> {
                for (int c = 0; c < 50; c++) {
                  append(engine, path, 10 + 2L * c, 2);
                }
              });
      List<Long> ids = new ArrayList<>();
      try (CloseableIterator<RowData> rows = run(source)) {
        writer.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (ids.size() < 110 && System.nanoTime() < deadline && rows.hasNext()) {
          ids.add(rows.next().getLong(0));
        }
      } finally {
        writer.join(60_000);
      }
      assertThat(ids).hasSize(110);
      Set<Long> expected = new HashSet<>();
      for (long i = 0; i < 110; i++) {
        expected.add(i);
      }
      assertThat(new HashSet<>(ids)).isEqualTo(expected);
    }
  }

  @Test
  void aDeleteFailsTheJobWithKeelsMessageUnlessChangesAreIgnored() throws Exception {
    try (DefaultEngine engine = DefaultEngine.create()) {
      String path = newTable(engine);
      append(engine, path, 0, 4);
      long before = Table.forPath(engine, path).getLatestSnapshot(engine).getVersion();
      Transaction delete =
          Table.forPath(engine, path)
              .createTransactionBuilder("test", Operation.DELETE)
              .build(engine);
      delete.delete(engine, Expressions.equal(Expressions.column("id"), Literal.ofLong(1)));
      delete.commit(engine);
      // Keel's own message for that commit, read with Keel directly
      String message;
      FileStream direct =
          Table.forPath(engine, path)
              .getFileStream()
              .startingAt(StreamPosition.atCommit(before + 1))
              .build(engine);
      try {
        direct.next(engine);
        throw new AssertionError("Keel streamed a delete without ignoreDeletes");
      } catch (KernelException e) {
        message = e.getMessage();
      }
      KeelSource strict =
          KeelSource.forTable(path)
              .continuous(Duration.ofMillis(100))
              .startingVersion(before + 1)
              .build();
      assertThatThrownBy(
              () -> {
                try (CloseableIterator<RowData> rows = run(strict)) {
                  for (int i = 0; i < 1000 && rows.hasNext(); i++) {
                    rows.next();
                  }
                }
              })
          .hasStackTraceContaining(message);

      // the delete rewrote the file of ids 0..3 without 1: ignoreChanges reads it again
      KeelSource lenient =
          KeelSource.forTable(path)
              .continuous(Duration.ofMillis(100))
              .startingVersion(before + 1)
              .ignoreChanges(true)
              .build();
      append(engine, path, 100, 1);
      Set<Long> seen = new HashSet<>();
      try (CloseableIterator<RowData> rows = run(lenient)) {
        for (int i = 0; i < 4 && rows.hasNext(); i++) {
          seen.add(rows.next().getLong(0));
        }
      }
      assertThat(seen).containsExactlyInAnyOrder(0L, 2L, 3L, 100L);
    }
  }

  /** Copies {@code source}'s rows into the table at {@code out} until stopped. */
  private static org.apache.flink.core.execution.JobClient copy(
      KeelSource source, String out, String savepoint) throws Exception {
    org.apache.flink.configuration.Configuration conf =
        new org.apache.flink.configuration.Configuration();
    if (savepoint != null) {
      conf.set(org.apache.flink.configuration.StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(2);
    env.enableCheckpointing(100);
    env.fromSource(source, WatermarkStrategy.noWatermarks(), "tail")
        .uid("tail")
        .sinkTo(KeelSink.forTable(out).rowType(source.getRowType()).appId("copy").build())
        .uid("copy");
    return env.executeAsync("copy");
  }

  /** Waits until the table at {@code path} holds {@code rows} rows, or 60 s pass. */
  private static List<Long> awaitRows(DefaultEngine engine, String path, int rows)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    List<Long> ids = List.of();
    while (System.nanoTime() < deadline) {
      try {
        ids = new ArrayList<>();
        for (String row :
            TestBatches.canonicalRows(
                engine, Table.forPath(engine, path).getLatestSnapshot(engine))) {
          ids.add(Long.parseLong(row.replaceAll("\\D", "")));
        }
      } catch (dev.keel.kernel.exceptions.TableNotFoundException e) {
        // the sink creates it when the job is built; nothing committed yet
      }
      if (ids.size() >= rows) {
        return ids;
      }
      Thread.sleep(100);
    }
    return ids;
  }

  @Test
  void resumesFromASavepointWithoutLossOrDuplication() throws Exception {
    try (DefaultEngine engine = DefaultEngine.create()) {
      String path = newTable(engine);
      String out = dir.resolve("copy").toString();
      append(engine, path, 0, 10);
      KeelSource source = KeelSource.forTable(path).continuous(Duration.ofMillis(100)).build();

      org.apache.flink.core.execution.JobClient first = copy(source, out, null);
      for (int c = 0; c < 10; c++) {
        append(engine, path, 10 + 2L * c, 2);
      }
      assertThat(awaitRows(engine, out, 30)).hasSize(30);
      for (int c = 0; c < 5; c++) { // commits that may land before, during or after the stop
        append(engine, path, 30 + 2L * c, 2);
      }
      String savepoint =
          first
              .stopWithSavepoint(
                  false,
                  dir.resolve("savepoints").toUri().toString(),
                  org.apache.flink.core.execution.SavepointFormatType.CANONICAL)
              .get(60, TimeUnit.SECONDS);
      for (int c = 0; c < 10; c++) { // commits while no job runs
        append(engine, path, 40 + 2L * c, 2);
      }

      org.apache.flink.core.execution.JobClient second = copy(source, out, savepoint);
      for (int c = 0; c < 5; c++) { // and after it resumed
        append(engine, path, 60 + 2L * c, 2);
      }
      List<Long> ids = awaitRows(engine, out, 70);
      Thread.sleep(500); // a duplicate would land about now
      ids = awaitRows(engine, out, 70);
      second.cancel().get(60, TimeUnit.SECONDS);

      List<Long> expected = new ArrayList<>();
      for (long i = 0; i < 70; i++) {
        expected.add(i);
      }
      ids.sort(null);
      assertThat(ids).isEqualTo(expected);
    }
  }

  @Test
  void startsAtTheFirstCommitAtOrAfterAStartingTimestamp() throws Exception {
    try (DefaultEngine engine = DefaultEngine.create()) {
      String path = newTable(engine);
      append(engine, path, 0, 1);
      append(engine, path, 1, 1);
      append(engine, path, 2, 1);
      // commit times are the commit files' times here (no in-commit timestamps): set them apart
      for (int v = 0; v <= 3; v++) {
        java.nio.file.Files.setLastModifiedTime(
            Path.of(path, "_delta_log", String.format("%020d.json", v)),
            java.nio.file.attribute.FileTime.fromMillis(1_000_000L * (v + 1)));
      }
      KeelSource source =
          KeelSource.forTable(path)
              .continuous(Duration.ofMillis(100))
              .startingTimestamp(2_500_000L) // between version 1 and version 2
              .build();
      assertThat(source.continuous().startingPosition())
          .isEqualTo(StreamPosition.atCommit(2).toJson());
      assertThatThrownBy(() -> KeelSource.forTable(path).startingTimestamp(2_500_000L).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "startingVersion and startingTimestamp apply to a continuous source; call"
                  + " continuous(interval) too");
      assertThatThrownBy(
              () ->
                  KeelSource.forTable(path)
                      .continuous(Duration.ofMillis(100))
                      .startingTimestamp(9_000_000L)
                      .build())
          .isInstanceOf(dev.keel.kernel.exceptions.VersionNotFoundException.class);
    }
  }
}
