package dev.keel.kernel.defaults.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.kernel.Operation;
import dev.keel.kernel.Scan;
import dev.keel.kernel.Snapshot;
import dev.keel.kernel.Table;
import dev.keel.kernel.Transaction;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.defaults.testing.TestBatches;
import dev.keel.kernel.engine.MetricsReport;
import dev.keel.kernel.expressions.Expressions;
import dev.keel.kernel.expressions.Literal;
import dev.keel.kernel.expressions.Predicate;
import dev.keel.kernel.metrics.CommitReport;
import dev.keel.kernel.metrics.DataReadReport;
import dev.keel.kernel.metrics.ScanReport;
import dev.keel.kernel.metrics.SnapshotReport;
import dev.keel.kernel.testing.LeakCheckingEngine;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel's metrics reports, checked figure by figure on a table whose files are known: three
 * commits of ten rows each, partitioned by {@code part} (a, b, b), ids 1-10, 11-20 and 21-30.
 */
class TestMetricsReports {
  private static final StructType SCHEMA =
      StructType.fromJson(
          "{\"type\":\"struct\",\"fields\":["
              + "{\"name\":\"id\",\"type\":\"long\",\"nullable\":false,\"metadata\":{}},"
              + "{\"name\":\"part\",\"type\":\"string\",\"nullable\":true,\"metadata\":{}}]}");

  @TempDir Path dir;
  private final List<MetricsReport> reports = new CopyOnWriteArrayList<>();
  private DefaultEngine defaultEngine;
  private LeakCheckingEngine engine;
  private String table;

  @BeforeEach
  void open() {
    defaultEngine = DefaultEngine.builder().addMetricsReporter(reports::add).build();
    engine = new LeakCheckingEngine(defaultEngine);
    table = dir.resolve("t").toString();
    for (int commit = 0; commit < 3; commit++) {
      String part = commit == 0 ? "a" : "b";
      String[] rows = new String[10];
      for (int i = 0; i < 10; i++) {
        rows[i] = "{\"id\":" + (commit * 10 + i + 1) + "}";
      }
      Transaction t =
          Table.forPath(engine, table)
              .createTransactionBuilder(
                  "test", commit == 0 ? Operation.CREATE_TABLE : Operation.WRITE)
              .withSchema(SCHEMA)
              .withPartitionColumns(List.of("part"))
              .build(engine);
      t.write(
          engine,
          Map.of("part", Literal.ofString(part)),
          TestBatches.owningIterator(engine, new StructType(List.of(SCHEMA.at(0))), dir, rows));
      t.commit(engine);
    }
    reports.clear();
  }

  @AfterEach
  void close() {
    try {
      engine.assertAllClosed();
    } finally {
      defaultEngine.close();
    }
  }

  private <T extends MetricsReport> List<T> reportsOf(Class<T> type) {
    return reports.stream().filter(type::isInstance).map(type::cast).toList();
  }

  private long logBytes(int... versions) throws IOException {
    long sum = 0;
    for (int v : versions) {
      sum += Files.size(dir.resolve("t/_delta_log/" + String.format("%020d", v) + ".json"));
    }
    return sum;
  }

  @Test
  void aSnapshotLoadReportsWhatItRead() throws IOException {
    Snapshot s = Table.forPath(engine, table).getLatestSnapshot(engine);
    List<SnapshotReport> loads = reportsOf(SnapshotReport.class);
    assertThat(loads).hasSize(1);
    SnapshotReport r = loads.get(0);
    assertThat(r.getTablePath()).isEqualTo(s.getTablePath());
    assertThat(r.getVersion()).isEqualTo(2);
    assertThat(r.getCheckpointVersion()).isEmpty();
    assertThat(r.getCommitsInSegment()).isEqualTo(3);
    assertThat(r.isRefresh()).isFalse();
    assertThat(r.getOperation()).isEqualTo("snapshot");
    // Keel writes a checksum file with each commit: protocol and metadata come from 2.crc alone
    long crcBytes = Files.size(dir.resolve("t/_delta_log/" + String.format("%020d", 2) + ".crc"));
    assertThat(r.getFilesRead()).isEqualTo(1);
    assertThat(r.getBytesRead()).isEqualTo(crcBytes);
    assertThat(r.getDurationNanos()).isPositive();
    assertThat(r.getMetrics())
        .containsEntry("version", 2L)
        .containsEntry("checkpointVersion", -1L)
        .containsEntry("commitsInSegment", 3L)
        .containsEntry("filesRead", 1L)
        .containsEntry("refresh", 0L);
  }

  @Test
  void withoutChecksumsTheLoadReadsCommitsNewestFirstUntilProtocolAndMetadata() throws IOException {
    try (Stream<Path> files = Files.list(dir.resolve("t/_delta_log"))) {
      for (Path p : files.filter(p -> p.toString().endsWith(".crc")).toList()) {
        Files.delete(p);
      }
    }
    Table.forPath(engine, table).getLatestSnapshot(engine);
    SnapshotReport r = reportsOf(SnapshotReport.class).get(0);
    // protocol and metadata are in commit 0: all three commits are read
    assertThat(r.getFilesRead()).isEqualTo(3);
    assertThat(r.getBytesRead()).isEqualTo(logBytes(0, 1, 2));
  }

  @Test
  void aRefreshReportsOnlyWhenItFindsNewCommits() {
    Snapshot s = Table.forPath(engine, table).getSnapshotAsOfVersion(engine, 0);
    reports.clear();
    assertThat(s.refresh(engine).getVersion()).isEqualTo(2);
    SnapshotReport r = reportsOf(SnapshotReport.class).get(0);
    assertThat(r.isRefresh()).isTrue();
    assertThat(r.getVersion()).isEqualTo(2);
    reports.clear();
    Snapshot latest = Table.forPath(engine, table).getLatestSnapshot(engine);
    reports.clear();
    assertThat(latest.refresh(engine)).isSameAs(latest);
    assertThat(reportsOf(SnapshotReport.class)).isEmpty();
  }

  @Test
  void aScanReportsFilesPrunedByPartitionAndSkippedByStatistics() {
    Snapshot s = Table.forPath(engine, table).getLatestSnapshot(engine);
    Predicate filter =
        Expressions.and(
            Expressions.equal(Expressions.column("part"), Literal.ofString("b")),
            Expressions.greaterThan(Expressions.column("id"), Literal.ofLong(25)));
    Scan scan = s.getScanBuilder().withFilter(filter).build();
    int returned = 0;
    try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
      while (files.hasNext()) {
        try (FilteredColumnarBatch b = files.next()) {
          returned += b.getSelectedCount();
        }
      }
    }
    assertThat(returned).isEqualTo(1);
    List<ScanReport> scans = reportsOf(ScanReport.class);
    assertThat(scans).hasSize(1);
    ScanReport r = scans.get(0);
    assertThat(r.getVersion()).isEqualTo(2);
    assertThat(r.getFilesConsidered()).isEqualTo(3);
    assertThat(r.getFilesPrunedByPartition()).isEqualTo(1); // part = a
    assertThat(r.getFilesSkippedByStatistics()).isEqualTo(1); // ids 11-20
    assertThat(r.getFilesReturned()).isEqualTo(1);
    assertThat(r.isComplete()).isTrue();
    assertThat(r.getMetrics())
        .containsEntry("filesConsidered", 3L)
        .containsEntry("filesPrunedByPartition", 1L)
        .containsEntry("filesSkippedByStatistics", 1L)
        .containsEntry("filesReturned", 1L)
        .containsEntry("complete", 1L);
  }

  @Test
  void aListingClosedEarlyReportsItIsIncomplete() {
    Scan scan = Table.forPath(engine, table).getLatestSnapshot(engine).getScanBuilder().build();
    try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
      assertThat(files.hasNext()).isTrue();
    }
    assertThat(reportsOf(ScanReport.class).get(0).isComplete()).isFalse();
  }

  @Test
  void aDataReadReportsFilesRowsAndBytes() throws IOException {
    Scan scan =
        Table.forPath(engine, table)
            .getLatestSnapshot(engine)
            .getScanBuilder()
            .withFilter(Expressions.equal(Expressions.column("part"), Literal.ofString("b")))
            .build();
    long rows = 0;
    try (CloseableIterator<FilteredColumnarBatch> data = scan.readData(engine)) {
      while (data.hasNext()) {
        try (FilteredColumnarBatch b = data.next()) {
          rows += b.getSelectedCount();
        }
      }
    }
    assertThat(rows).isEqualTo(20);
    DataReadReport r = reportsOf(DataReadReport.class).get(0);
    assertThat(r.getFilesRead()).isEqualTo(2);
    assertThat(r.getRowsReturned()).isEqualTo(20);
    long bytes;
    try (Stream<Path> files = Files.walk(dir.resolve("t/part=b"))) {
      bytes =
          files
              .filter(p -> p.toString().endsWith(".parquet"))
              .mapToLong(p -> p.toFile().length())
              .sum();
    }
    assertThat(r.getBytesRead()).isEqualTo(bytes);
    assertThat(r.getOperation()).isEqualTo("read");
    assertThat(reportsOf(ScanReport.class).get(0).getFilesPrunedByPartition()).isEqualTo(1);
  }

  @Test
  void aCommitReportsItsVersionAttemptsAndActions() {
    Transaction loser =
        Table.forPath(engine, table)
            .createTransactionBuilder("test", Operation.WRITE)
            .build(engine);
    Transaction winner =
        Table.forPath(engine, table)
            .createTransactionBuilder("test", Operation.WRITE)
            .build(engine);
    winner.write(
        engine,
        Map.of("part", Literal.ofString("c")),
        TestBatches.owningIterator(
            engine, new StructType(List.of(SCHEMA.at(0))), dir, "{\"id\":31}"));
    winner.commit(engine);
    loser.write(
        engine,
        Map.of("part", Literal.ofString("c")),
        TestBatches.owningIterator(
            engine, new StructType(List.of(SCHEMA.at(0))), dir, "{\"id\":32}"));
    loser.removeFiles(engine, Expressions.equal(Expressions.column("part"), Literal.ofString("a")));
    reports.clear();
    loser.commit(engine);
    List<CommitReport> commits = reportsOf(CommitReport.class);
    assertThat(commits).hasSize(1);
    CommitReport r = commits.get(0);
    assertThat(r.getVersion()).isEqualTo(4);
    assertThat(r.getAttempts()).isEqualTo(2); // version 3 was taken by the winner
    assertThat(r.getConflicts()).isEqualTo(1);
    assertThat(r.getFilesAdded()).isEqualTo(1);
    assertThat(r.getFilesRemoved()).isEqualTo(1);
    assertThat(r.getMetrics())
        .containsEntry("version", 4L)
        .containsEntry("attempts", 2L)
        .containsEntry("conflicts", 1L);
  }

  @Test
  void aReporterThatThrowsDoesNotFailTheOperation() {
    List<String> seen = new ArrayList<>();
    try (DefaultEngine throwing =
        DefaultEngine.builder()
            .addMetricsReporter(
                r -> {
                  throw new IllegalStateException("broken reporter");
                })
            .addMetricsReporter(r -> seen.add(r.getOperation()))
            .build()) {
      assertThat(Table.forPath(throwing, table).getLatestSnapshot(throwing).getVersion())
          .isEqualTo(2);
    }
    assertThat(seen).containsExactly("snapshot");
  }
}
