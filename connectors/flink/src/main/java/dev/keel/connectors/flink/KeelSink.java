package dev.keel.connectors.flink;

import dev.keel.kernel.Operation;
import dev.keel.kernel.Snapshot;
import dev.keel.kernel.Table;
import dev.keel.kernel.TransactionBuilder;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.exceptions.ConcurrentWriteException;
import dev.keel.kernel.exceptions.InvalidSchemaException;
import dev.keel.kernel.exceptions.KernelException;
import dev.keel.kernel.exceptions.TableNotFoundException;
import dev.keel.kernel.types.StructType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessageTypeInfo;
import org.apache.flink.streaming.api.connector.sink2.SupportsPreCommitTopology;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

/**
 * An exactly-once Flink sink (Sink V2) appending {@link RowData} to a Delta table through Keel.
 *
 * <pre>{@code
 * KeelSink sink = KeelSink.forTable("s3://lake/events").rowType(rowType).build();
 * rows.sinkTo(sink);
 * }</pre>
 *
 * <p>Writers write Parquet data files (partitioned tables by partition, a file per partition when
 * its rows reach {@link Builder#targetFileSize}, and at every checkpoint); one aggregating subtask
 * gathers a checkpoint's files and one committer commits them in one Keel transaction recording
 * {@code txn(appId, checkpointId)}. When a checkpoint is replayed after a failure, the committer
 * sees the application's version already in the table and does not commit again. Enable
 * checkpointing: files are committed when a checkpoint completes (or at the end of a bounded
 * input).
 *
 * <p>Unaligned checkpoints are not supported: a checkpoint's files must reach the aggregator before
 * its barrier.
 */
public final class KeelSink
    implements Sink<RowData>,
        SupportsCommitter<KeelCommittable>,
        SupportsPreCommitTopology<KeelCommittable.WriteResult, KeelCommittable> {
  private static final long serialVersionUID = 1L;

  private final String tablePath;
  private final EngineOptions engineOptions;
  private final RowType rowType;
  private final String transactionState;
  private final long targetFileSize;
  private final String appId;

  private KeelSink(
      String tablePath,
      Map<String, String> fileSystemOptions,
      RowType rowType,
      String transactionState,
      long targetFileSize,
      String appId) {
    this.tablePath = tablePath;
    this.engineOptions = new EngineOptions(fileSystemOptions);
    this.rowType = rowType;
    this.transactionState = transactionState;
    this.targetFileSize = targetFileSize;
    this.appId = appId;
  }

  /**
   * @param tablePath the table's directory: a path or URI ({@code s3://}, {@code file:}, ...)
   * @return a builder of a sink appending to that table
   */
  public static Builder forTable(String tablePath) {
    return new Builder(tablePath);
  }

  /** The type of the rows this sink takes. */
  public RowType getRowType() {
    return rowType;
  }

  String tablePath() {
    return tablePath;
  }

  String transactionState() {
    return transactionState;
  }

  long targetFileSize() {
    return targetFileSize;
  }

  Optional<String> appId() {
    return Optional.ofNullable(appId);
  }

  /** A Keel engine for a writer or the committer; the caller closes it. */
  DefaultEngine newEngine() {
    return engineOptions.newEngine();
  }

  @Override
  public SinkWriter<RowData> createWriter(WriterInitContext context) {
    return new KeelSinkWriter(this, context.metricGroup());
  }

  @Override
  public Committer<KeelCommittable> createCommitter(CommitterInitContext context) {
    return new KeelCommitter(this);
  }

  @Override
  public SimpleVersionedSerializer<KeelCommittable> getCommittableSerializer() {
    return KeelCommittable.Serializer.INSTANCE;
  }

  @Override
  public DataStream<CommittableMessage<KeelCommittable>> addPreCommitTopology(
      DataStream<CommittableMessage<KeelCommittable.WriteResult>> results) {
    return results
        .global()
        .transform(
            "Keel commit aggregator",
            CommittableMessageTypeInfo.of(() -> KeelCommittable.Serializer.INSTANCE),
            new KeelCommitAggregator(this))
        .setParallelism(1)
        .setMaxParallelism(1)
        .global();
  }

  @Override
  public SimpleVersionedSerializer<KeelCommittable.WriteResult> getWriteResultSerializer() {
    return KeelCommittable.WriteResultSerializer.INSTANCE;
  }

  /**
   * Creates a Delta table with rows of {@code rowType} as its schema ({@code CREATE TABLE} commit).
   *
   * @throws ConcurrentWriteException if the table exists already (another writer created it)
   */
  static void createTable(
      DefaultEngine engine,
      Table table,
      RowType rowType,
      List<String> partitionColumns,
      Map<String, String> properties) {
    TransactionBuilder create =
        table
            .createTransactionBuilder(KeelCommitter.ENGINE_INFO, Operation.CREATE_TABLE)
            .withSchema(RowDataConverter.schema(rowType))
            .withPartitionColumns(partitionColumns)
            .withTableProperties(properties);
    create.build(engine).commit(engine);
  }

  /** Settings of a {@link KeelSink}. */
  public static final class Builder {
    /** The default target size of a data file: 128 MiB of rows in Flink's binary form. */
    public static final long DEFAULT_TARGET_FILE_SIZE = 128L << 20;

    private final String tablePath;
    private final Map<String, String> fileSystemOptions = new LinkedHashMap<>();
    private final Map<String, String> tableProperties = new LinkedHashMap<>();
    private RowType rowType;
    private List<String> partitionColumns = List.of();
    private long targetFileSize = DEFAULT_TARGET_FILE_SIZE;
    private String appId;

    private Builder(String tablePath) {
      this.tablePath = tablePath;
    }

    /**
     * The type of the incoming rows. Required when the table does not exist yet (it becomes the
     * table's schema); for an existing table it must match the table's columns (names, order and
     * types; nullability may differ), and defaults to them.
     */
    public Builder rowType(RowType rowType) {
      this.rowType = rowType;
      return this;
    }

    /** The partition columns of a table this sink creates; an existing table's must equal them. */
    public Builder partitionColumns(String... columns) {
      this.partitionColumns = List.of(columns);
      return this;
    }

    /** A table property of a table this sink creates (for example {@code delta.appendOnly}). */
    public Builder tableProperty(String key, String value) {
      tableProperties.put(key, value);
      return this;
    }

    /**
     * Starts a new data file when a partition's buffered rows reach this many bytes (in Flink's
     * binary row form), and writes the largest partition's rows when all buffers together do.
     */
    public Builder targetFileSize(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("The target file size must be positive, not " + bytes);
      }
      this.targetFileSize = bytes;
      return this;
    }

    /**
     * The application id the commits record ({@code txn.appId}); default {@code flink-<job id>}.
     * Give a stable id when one logical writer runs as several jobs over time (restarts from a
     * savepoint into a new job): commits of a checkpoint id the table already records for it are
     * then skipped as duplicates.
     */
    public Builder appId(String appId) {
      this.appId = appId;
      return this;
    }

    /** A file system option of Keel's default engine (for example {@code keel.s3.region}). */
    public Builder fileSystemOption(String key, String value) {
      fileSystemOptions.put(key, value);
      return this;
    }

    /**
     * Checks the row type against the table, creating the table when it does not exist, and builds
     * the sink.
     *
     * @throws InvalidSchemaException if the row type does not match an existing table, or the
     *     partition columns differ from its
     * @throws IllegalArgumentException if the table does not exist and no row type was given
     * @throws KernelException if the table cannot be read or created
     */
    public KeelSink build() {
      try (DefaultEngine engine = new EngineOptions(fileSystemOptions).newEngine()) {
        Table table = Table.forPath(engine, tablePath);
        Snapshot snapshot;
        try {
          snapshot = table.getLatestSnapshot(engine);
        } catch (TableNotFoundException e) {
          snapshot = create(engine, table);
        }
        StructType schema = snapshot.getSchema();
        RowType rows = rowType != null ? rowType : RowDataConverter.rowType(schema);
        checkRows(schema, rows);
        if (!partitionColumns.isEmpty()
            && !partitionColumns.equals(snapshot.getPartitionColumns())) {
          throw new InvalidSchemaException(
              "The table at "
                  + table.getPath()
                  + " is partitioned by "
                  + snapshot.getPartitionColumns()
                  + ", not "
                  + partitionColumns
                  + "; leave the partition columns out or give the table's");
        }
        String state =
            table
                .createTransactionBuilder(KeelCommitter.ENGINE_INFO, Operation.WRITE)
                .build(engine)
                .getState()
                .toJson();
        return new KeelSink(table.getPath(), fileSystemOptions, rows, state, targetFileSize, appId);
      }
    }

    private Snapshot create(DefaultEngine engine, Table table) {
      if (rowType == null) {
        throw new IllegalArgumentException(
            "There is no Delta table at "
                + tablePath
                + "; give the sink a rowType to create it with");
      }
      try {
        createTable(engine, table, rowType, partitionColumns, tableProperties);
      } catch (ConcurrentWriteException e) {
        // another writer created it meanwhile: append to theirs if the schema matches
      }
      return table.getLatestSnapshot(engine);
    }

    private void checkRows(StructType schema, RowType rows) {
      StructType given;
      try {
        given = RowDataConverter.schema(rows);
      } catch (KernelException e) {
        throw new InvalidSchemaException(
            "Cannot write rows of "
                + rows.asSummaryString()
                + " to "
                + tablePath
                + ": "
                + e.getMessage());
      }
      if (!schema.equivalent(given)) { // ignores field metadata and nullability
        throw new InvalidSchemaException(
            "Cannot write rows of "
                + given
                + " to the table at "
                + tablePath
                + ", whose columns are "
                + schema
                + "; give rows with the table's column names, order and types");
      }
    }
  }
}
