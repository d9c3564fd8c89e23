package dev.keel.connectors.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.Table;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.defaults.testing.ReferenceKernel;
import dev.keel.kernel.defaults.testing.TestBatches;
import dev.keel.kernel.exceptions.InvalidSchemaException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericMapData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.DateType;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.IntType;
import org.apache.flink.table.types.logical.LocalZonedTimestampType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.VarCharType;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link KeelSink} in a Flink mini cluster (parallelism 2, checkpoints every 100 ms): the tables it
 * writes read back as the rows that went in, with Keel and with Delta Kernel Java; a job that fails
 * in a map function and loses its task manager still commits every row exactly once.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES) // a stalled job would block the test: bound it
class TestKeelSink {
  @RegisterExtension static final MiniClusterExtension FLINK = FlinkTestCluster.create();

  private static final RowType MIXED =
      RowType.of(
          new LogicalType[] {
            new BigIntType(false),
            new VarCharType(VarCharType.MAX_LENGTH),
            new LocalZonedTimestampType(6),
            new DecimalType(10, 2),
            new DateType(),
            new ArrayType(new VarCharType(VarCharType.MAX_LENGTH)),
            new MapType(new VarCharType(false, VarCharType.MAX_LENGTH), new IntType()),
            RowType.of(
                new LogicalType[] {new IntType(), new VarCharType(VarCharType.MAX_LENGTH)},
                new String[] {"a", "b"})
          },
          new String[] {"id", "part", "ts", "amount", "day", "tags", "counts", "nested"});

  @TempDir Path dir;

  private static List<RowData> mixedRows(int n) {
    List<RowData> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(
          GenericRowData.of(
              (long) i,
              i % 7 == 0 ? null : StringData.fromString("p" + (i % 3)),
              TimestampData.fromEpochMillis(1_700_000_000_000L + i * 1_001L, (i % 1000) * 1000),
              i % 5 == 0
                  ? null
                  : DecimalData.fromBigDecimal(new BigDecimal(i).movePointLeft(2), 10, 2),
              19_000 + i % 400,
              new GenericArrayData(
                  new Object[] {StringData.fromString("t" + i), null, StringData.fromString("x")}),
              new GenericMapData(Map.of(StringData.fromString("k" + (i % 4)), i)),
              i % 11 == 0 ? null : GenericRowData.of(i * 2, StringData.fromString("n" + i))));
    }
    return rows;
  }

  private static StreamExecutionEnvironment env() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    env.enableCheckpointing(100);
    return env;
  }

  @Test
  void createsAPartitionedTableThatKeelAndDeltaKernelJavaReadBackAsWritten() throws Exception {
    String path = dir.resolve("mixed").toString();
    List<RowData> rows = mixedRows(3_000);
    KeelSink sink =
        KeelSink.forTable(path)
            .rowType(MIXED)
            .partitionColumns("part")
            .tableProperty("delta.appendOnly", "true")
            .targetFileSize(64 * 1024) // several files per partition
            .build();
    StreamExecutionEnvironment env = env();
    env.fromData(rows, InternalTypeInfo.of(MIXED)).sinkTo(sink);
    env.execute("write mixed");

    try (DefaultEngine engine = DefaultEngine.create()) {
      var snapshot = Table.forPath(engine, path).getLatestSnapshot(engine);
      assertThat(snapshot.getPartitionColumns()).containsExactly("part");
      assertThat(snapshot.getMetadata().getConfiguration())
          .containsEntry("delta.appendOnly", "true");
      List<String> expected = new ArrayList<>();
      for (RowData r : rows) {
        expected.add(FlinkCanonical.row(r, snapshot.getSchema()));
      }
      expected.sort(null);
      List<String> keel = TestBatches.canonicalRows(engine, snapshot);
      keel.sort(null);
      assertThat(keel).hasSize(3_000).isEqualTo(expected);
      assertThat(ReferenceKernel.rows(path)).isEqualTo(expected);
      // partitioned by value, including the null partition, rolled at the target size
      assertThat(Files.list(Path.of(path)).map(p -> p.getFileName().toString()))
          .contains("part=p0", "part=p1", "part=p2", "part=__HIVE_DEFAULT_PARTITION__");
      int files = 0;
      try (var batches = snapshot.getScanBuilder().build().getScanFiles(engine)) {
        while (batches.hasNext()) {
          try (var batch = batches.next()) {
            files += batch.getSelectedCount();
          }
        }
      }
      assertThat(files).isGreaterThan(4); // 4 partitions, some rolled at 64 KiB
    }
  }

  @Test
  void appendsToAnExistingTableAndRefusesRowsOfAnotherShape() throws Exception {
    String path = dir.resolve("existing").toString();
    RowType idOnly = RowType.of(new LogicalType[] {new BigIntType()}, new String[] {"id"});
    KeelSink.forTable(path).rowType(idOnly).build(); // creates the table, empty
    StreamExecutionEnvironment env = env();
    env.fromSequence(0, 99)
        .map(i -> (RowData) GenericRowData.of(i))
        .returns(InternalTypeInfo.of(idOnly))
        .sinkTo(KeelSink.forTable(path).build()); // row type taken from the table
    env.execute("append");
    try (DefaultEngine engine = DefaultEngine.create()) {
      assertThat(ids(engine, path)).hasSize(100).containsExactlyElementsOf(range(0, 100));
    }

    RowType other = RowType.of(new LogicalType[] {new IntType()}, new String[] {"id"});
    assertThatThrownBy(() -> KeelSink.forTable(path).rowType(other).build())
        .isInstanceOf(InvalidSchemaException.class)
        .hasMessage(
            "Cannot write rows of struct<id:integer> to the table at "
                + path
                + ", whose columns are struct<id:long>; give rows with the table's column names,"
                + " order and types");
    assertThatThrownBy(() -> KeelSink.forTable(dir.resolve("none").toString()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "There is no Delta table at "
                + dir.resolve("none")
                + "; give the sink a rowType to create it with");
  }

  // --- exactly once under failure ---

  private static final int ROWS = 100_000;
  private static final AtomicBoolean FAILED = new AtomicBoolean();
  private static final java.util.concurrent.atomic.AtomicInteger ATTEMPTS =
      new java.util.concurrent.atomic.AtomicInteger();
  private static final AtomicBoolean TM_KILL_REQUESTED = new AtomicBoolean();
  private static final CountDownLatch KILL_TM = new CountDownLatch(1);
  private static final Set<Long> COMPLETED_CHECKPOINTS = new ConcurrentSkipListSet<>();
  private static volatile String failTable;

  /**
   * Paces the rows; fails once after two commits landed; after two more, asks the test to stop the
   * task manager. Never blocks waiting for a commit: that would hold up the checkpoints.
   */
  private static final class Injector extends RichMapFunction<Long, RowData>
      implements CheckpointListener {
    private static volatile long failedAtVersion = -1;

    @Override
    public void open(org.apache.flink.api.common.functions.OpenContext context) {
      ATTEMPTS.incrementAndGet();
    }

    @Override
    public RowData map(Long id) throws Exception {
      if (id % 20 == 0) {
        Thread.sleep(1);
      }
      if (id % 500 == 0 && !TM_KILL_REQUESTED.get()) {
        long version = tableVersion();
        if (!FAILED.get() && version >= 2) {
          failedAtVersion = version;
          FAILED.set(true);
          throw new IllegalStateException("injected failure at row " + id);
        }
        if (FAILED.get()
            && version >= failedAtVersion + 2
            && TM_KILL_REQUESTED.compareAndSet(false, true)) {
          KILL_TM.countDown();
          Thread.sleep(30_000); // the task manager goes away under this call
        }
      }
      return GenericRowData.of(id, StringData.fromString("row " + id));
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      COMPLETED_CHECKPOINTS.add(checkpointId);
    }

    private static long tableVersion() {
      try (DefaultEngine engine = DefaultEngine.create()) {
        return Table.forPath(engine, failTable).getLatestSnapshot(engine).getVersion();
      }
    }
  }

  @Test
  void commitsEveryRowExactlyOnceThroughAFailureAndATaskManagerRestart(
      @InjectMiniCluster MiniCluster cluster) throws Exception {
    String path = dir.resolve("exactly-once").toString();
    failTable = path;
    RowType rowType =
        RowType.of(
            new LogicalType[] {new BigIntType(false), new VarCharType(VarCharType.MAX_LENGTH)},
            new String[] {"id", "payload"});
    KeelSink sink = KeelSink.forTable(path).rowType(rowType).appId("exactly-once-test").build();

    Configuration conf = new Configuration();
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 10);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(2);
    env.enableCheckpointing(150);
    env.fromSequence(0, ROWS - 1)
        .map(new Injector())
        .returns(InternalTypeInfo.of(rowType))
        .sinkTo(sink);
    JobClient job = env.executeAsync("exactly once");

    assertThat(KILL_TM.await(3, TimeUnit.MINUTES)).isTrue();
    cluster.terminateTaskManager(0).get(1, TimeUnit.MINUTES);
    cluster.startTaskManager();
    job.getJobExecutionResult().get(3, TimeUnit.MINUTES);

    assertThat(FAILED.get()).isTrue();
    // two subtasks, started three times: the first run, after the failure, after the new TM
    assertThat(ATTEMPTS.get()).isGreaterThanOrEqualTo(6);
    try (DefaultEngine engine = DefaultEngine.create()) {
      List<Long> ids = ids(engine, path);
      assertThat(ids).hasSize(ROWS).containsExactlyElementsOf(range(0, ROWS));
      // each data commit records the application once, versions rising; all but the end-of-input
      // commit are completed checkpoints, and the table reports the last one
      List<Long> txns = txnVersions(path, "exactly-once-test");
      assertThat(txns).hasSizeGreaterThan(2).isSorted().doesNotHaveDuplicates();
      assertThat(COMPLETED_CHECKPOINTS).containsAll(txns.subList(0, txns.size() - 1));
      assertThat(
              Table.forPath(engine, path)
                  .getLatestSnapshot(engine)
                  .getLatestTransactionVersion(engine, "exactly-once-test"))
          .contains(txns.get(txns.size() - 1));
    }
  }

  /** Each commit's txn version for the application, read from the log files' text. */
  private static List<Long> txnVersions(String path, String appId) throws IOException {
    Pattern txn = Pattern.compile("\\{\"txn\":\\{([^}]*)\\}");
    Pattern version = Pattern.compile("\"version\":(\\d+)");
    List<Long> out = new ArrayList<>();
    TreeSet<Path> commits = new TreeSet<>();
    try (var files = Files.list(Path.of(path, "_delta_log"))) {
      files.filter(p -> p.toString().endsWith(".json")).forEach(commits::add);
    }
    for (Path commit : commits) {
      int found = 0;
      for (String line : Files.readAllLines(commit)) {
        Matcher m = txn.matcher(line);
        if (m.find() && m.group(1).contains("\"appId\":\"" + appId + "\"")) {
          Matcher v = version.matcher(m.group(1));
          assertThat(v.find()).isTrue();
          out.add(Long.parseLong(v.group(1)));
          found++;
        }
      }
      assertThat(found).as("txn actions in %s", commit).isLessThanOrEqualTo(1);
    }
    return out;
  }

  private static List<Long> ids(DefaultEngine engine, String path) {
    List<Long> ids = new ArrayList<>();
    for (String row :
        TestBatches.canonicalRows(engine, Table.forPath(engine, path).getLatestSnapshot(engine))) {
      Matcher m = Pattern.compile("\"id\":(\\d+)").matcher(row);
      assertThat(m.find()).isTrue();
      ids.add(Long.parseLong(m.group(1)));
    }
    ids.sort(null);
    return ids;
  }

  private static List<Long> range(long from, long to) {
    List<Long> out = new ArrayList<>();
    for (long i = from; i < to; i++) {
      out.add(i);
    }
    return out;
  }
}
