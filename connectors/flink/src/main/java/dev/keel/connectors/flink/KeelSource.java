package dev.keel.connectors.flink;

import dev.keel.kernel.Snapshot;
import dev.keel.kernel.StreamPosition;
import dev.keel.kernel.Table;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.exceptions.KernelException;
import dev.keel.kernel.expressions.Predicate;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;

/**
 * A Flink source (FLIP-27) of a Delta table read with Keel, bounded (one snapshot) or continuous
 * (the snapshot, then each new commit's files; see {@link Builder#continuous}): the enumerator
 * plans the scan on the job manager and hands out one split per data file on request; readers on
 * the task managers read each file with {@code ScanState.readFile} (deletion vectors, column
 * mapping, type widening applied) into {@link RowData}.
 *
 * <pre>{@code
 * KeelSource source = KeelSource.forTable("s3://lake/events").columns("id", "kind").build();
 * env.fromSource(source, WatermarkStrategy.noWatermarks(), "events");
 * }</pre>
 *
 * <p>The snapshot is chosen when the source is built (the latest, or {@code versionAsOf} / {@code
 * timestampAsOf}) and every reader reads that version, also after a restore. Checkpoints hold the
 * splits not yet assigned and, per reader, the rows of its current file already emitted; a restored
 * job neither skips nor repeats rows.
 */
public final class KeelSource
    implements Source<RowData, KeelSplit, KeelEnumeratorState>, ResultTypeQueryable<RowData> {
  private static final long serialVersionUID = 1L;

  private final String tablePath;
  private final EngineOptions engineOptions;
  private final long version;
  private final String readSchema;
  private final int outputWidth;
  private final Predicate filter;
  private final RowType rowType;
  private final Continuous continuous;

  /** The settings of continuous mode. */
  record Continuous(
      String startingPosition, long updateCheckMillis, boolean ignoreDeletes, boolean ignoreChanges)
      implements java.io.Serializable {}

  private KeelSource(
      String tablePath,
      Map<String, String> fileSystemOptions,
      long version,
      StructType output,
      StructType readSchema,
      Predicate filter,
      Continuous continuous) {
    this.tablePath = tablePath;
    this.engineOptions = new EngineOptions(fileSystemOptions);
    this.version = version;
    this.readSchema = readSchema.toJson();
    this.outputWidth = output.length();
    this.filter = filter;
    this.rowType = RowDataConverter.rowType(output);
    this.continuous = continuous;
  }

  /** Continuous mode's settings, or null for a bounded source. */
  Continuous continuous() {
    return continuous;
  }

  /**
   * @param tablePath the table's directory: a path or URI ({@code s3://}, {@code file:}, ...)
   * @return a builder of a source of that table
   */
  public static Builder forTable(String tablePath) {
    return new Builder(tablePath);
  }

  /** The snapshot version every reader of this source reads. */
  public long getVersion() {
    return version;
  }

  /** The columns this source produces, as Flink's row type. */
  public RowType getRowType() {
    return rowType;
  }

  /**
   * The columns readers read: the produced columns first, then those only the filter needs (see
   * {@link #outputWidth()}).
   */
  StructType readSchema() {
    return StructType.fromJson(readSchema);
  }

  /** How many leading columns of {@link #readSchema()} the produced rows hold. */
  int outputWidth() {
    return outputWidth;
  }

  /** The rows' filter, if any: files are pruned with it on planning, rows in the reader. */
  Optional<Predicate> filter() {
    return Optional.ofNullable(filter);
  }

  String tablePath() {
    return tablePath;
  }

  /** A Keel engine for the job manager or a task manager; the caller closes it. */
  DefaultEngine newEngine() {
    return engineOptions.newEngine();
  }

  @Override
  public Boundedness getBoundedness() {
    return continuous == null ? Boundedness.BOUNDED : Boundedness.CONTINUOUS_UNBOUNDED;
  }

  @Override
  public SplitEnumerator<KeelSplit, KeelEnumeratorState> createEnumerator(
      SplitEnumeratorContext<KeelSplit> context) {
    return restoreEnumerator(context, new KeelEnumeratorState(false, List.of()));
  }

  @Override
  public SplitEnumerator<KeelSplit, KeelEnumeratorState> restoreEnumerator(
      SplitEnumeratorContext<KeelSplit> context, KeelEnumeratorState checkpoint) {
    return continuous == null
        ? new KeelEnumerator(this, context, checkpoint)
        : new KeelContinuousEnumerator(this, context, checkpoint);
  }

  @Override
  public SimpleVersionedSerializer<KeelSplit> getSplitSerializer() {
    return KeelSplitSerializer.INSTANCE;
  }

  @Override
  public SimpleVersionedSerializer<KeelEnumeratorState> getEnumeratorCheckpointSerializer() {
    return KeelEnumeratorState.Serializer.INSTANCE;
  }

  @Override
  public SourceReader<RowData, KeelSplit> createReader(SourceReaderContext context) {
    return new KeelSourceReader(this, context);
  }

  @Override
  public TypeInformation<RowData> getProducedType() {
    return InternalTypeInfo.of(rowType);
  }

  /** Settings of a {@link KeelSource}. */
  public static final class Builder {
    private final String tablePath;
    private final Map<String, String> fileSystemOptions = new LinkedHashMap<>();
    private Optional<Long> version = Optional.empty();
    private Optional<Long> timestampMillis = Optional.empty();
    private List<String> columns;
    private Predicate filter;
    private java.time.Duration updateCheckInterval;
    private Optional<Long> startingVersion = Optional.empty();
    private Optional<Long> startingTimestamp = Optional.empty();
    private boolean ignoreDeletes;
    private boolean ignoreChanges;

    private Builder(String tablePath) {
      this.tablePath = tablePath;
    }

    /** Reads this version of the table instead of the latest. */
    public Builder versionAsOf(long version) {
      this.version = Optional.of(version);
      return this;
    }

    /** Reads the version that was latest at this time (milliseconds since the epoch). */
    public Builder timestampAsOf(long epochMillis) {
      this.timestampMillis = Optional.of(epochMillis);
      return this;
    }

    /** Produces only these columns, in this order (names as the table has them). */
    public Builder columns(String... names) {
      this.columns = List.of(names);
      return this;
    }

    /**
     * Produces only the rows for which {@code predicate} is true (SQL semantics: null is not true).
     * The enumerator skips files whose partition values or statistics rule the predicate out; the
     * readers evaluate it on the remaining rows. Columns it names need not be among {@link
     * #columns}: they are read and dropped.
     *
     * @param predicate on the table's columns, with literals of the columns' types
     * @return this builder
     */
    public Builder filter(Predicate predicate) {
      this.filter = java.util.Objects.requireNonNull(predicate, "predicate is null");
      return this;
    }

    /**
     * Makes the source continuous: it reads the snapshot (unless {@link #startingVersion} is set),
     * then the files each new commit adds, checking for commits at this interval. A commit that
     * removes data fails the job with Keel's message unless {@link #ignoreDeletes} or {@link
     * #ignoreChanges} is set; so does a schema change the read schema cannot read.
     */
    public Builder continuous(java.time.Duration updateCheckInterval) {
      if (updateCheckInterval.isNegative() || updateCheckInterval.isZero()) {
        throw new IllegalArgumentException(
            "The update check interval must be positive, not " + updateCheckInterval);
      }
      this.updateCheckInterval = updateCheckInterval;
      return this;
    }

    /**
     * In continuous mode, starts with the files that commit {@code version} adds, without reading
     * the snapshot before it.
     */
    public Builder startingVersion(long version) {
      this.startingVersion = Optional.of(version);
      return this;
    }

    /**
     * In continuous mode, starts with the files of the first commit made at or after this time
     * (epoch milliseconds), without reading the snapshot before it.
     */
    public Builder startingTimestamp(long epochMillis) {
      this.startingTimestamp = Optional.of(epochMillis);
      return this;
    }

    /** In continuous mode, skips commits that only remove data instead of failing. */
    public Builder ignoreDeletes(boolean ignore) {
      this.ignoreDeletes = ignore;
      return this;
    }

    /**
     * In continuous mode, ignores removes and hands out the files a commit rewrote again (rows may
     * repeat), instead of failing.
     */
    public Builder ignoreChanges(boolean ignore) {
      this.ignoreChanges = ignore;
      return this;
    }

    /** A file system option of Keel's default engine (for example {@code keel.s3.region}). */
    public Builder fileSystemOption(String key, String value) {
      fileSystemOptions.put(key, value);
      return this;
    }

    /**
     * Resolves the snapshot (on the client, once) and builds the source.
     *
     * @throws KernelException if the table or version cannot be loaded, or a column does not exist
     * @throws IllegalArgumentException if both a version and a timestamp are given
     */
    public KeelSource build() {
      if (version.isPresent() && timestampMillis.isPresent()) {
        throw new IllegalArgumentException(
            "Give versionAsOf or timestampAsOf, not both (version "
                + version.get()
                + ", timestamp "
                + timestampMillis.get()
                + ")");
      }
      try (DefaultEngine engine = new EngineOptions(fileSystemOptions).newEngine()) {
        Table table = Table.forPath(engine, tablePath);
        Snapshot snapshot =
            version.isPresent()
                ? table.getSnapshotAsOfVersion(engine, version.get())
                : timestampMillis.isPresent()
                    ? table.getSnapshotAsOfTimestamp(engine, timestampMillis.get())
                    : table.getLatestSnapshot(engine);
        StructType full = snapshot.getSchema();
        StructType schema = full;
        if (columns != null) {
          List<StructField> fields = new ArrayList<>();
          for (String c : columns) {
            fields.add(
                full.get(c)
                    .orElseThrow(
                        () ->
                            new IllegalArgumentException(
                                "The table at "
                                    + tablePath
                                    + " has no column "
                                    + c
                                    + "; its columns are "
                                    + full.fieldNames())));
          }
          schema = new StructType(fields);
        }
        StructType read = schema;
        if (filter != null) {
          read = withFilterColumns(full, schema, filter);
        }
        if (startingVersion.isPresent() && startingTimestamp.isPresent()) {
          throw new IllegalArgumentException("Give startingVersion or startingTimestamp, not both");
        }
        Optional<Long> start = startingVersion;
        if (startingTimestamp.isPresent() && updateCheckInterval != null) {
          start = Optional.of(table.getVersionAtOrAfter(engine, startingTimestamp.get()));
        }
        Continuous stream = null;
        if (updateCheckInterval != null) {
          stream =
              new Continuous(
                  start.isPresent()
                      ? StreamPosition.atCommit(start.get()).toJson()
                      : StreamPosition.atSnapshot(snapshot.getVersion()).toJson(),
                  updateCheckInterval.toMillis(),
                  ignoreDeletes,
                  ignoreChanges);
        } else if (startingVersion.isPresent() || startingTimestamp.isPresent()) {
          throw new IllegalArgumentException(
              "startingVersion and startingTimestamp apply to a continuous source; call"
                  + " continuous(interval) too");
        }
        return new KeelSource(
            table.getPath(),
            fileSystemOptions,
            snapshot.getVersion(),
            schema,
            read,
            filter,
            stream);
      }
    }

    /** {@code output} and, after it, the top-level columns of {@code filter} it lacks. */
    private StructType withFilterColumns(StructType full, StructType output, Predicate filter) {
      java.util.Set<String> names = new java.util.LinkedHashSet<>();
      collectColumns(filter, names);
      List<StructField> fields = new ArrayList<>(output.getFields());
      for (String name : names) {
        if (output.get(name).isEmpty()) {
          fields.add(
              full.get(name)
                  .orElseThrow(
                      () ->
                          new IllegalArgumentException(
                              "The filter "
                                  + filter
                                  + " names the column "
                                  + name
                                  + ", which the table at "
                                  + tablePath
                                  + " does not have; its columns are "
                                  + full.fieldNames())));
        }
      }
      return new StructType(fields);
    }

    private static void collectColumns(
        dev.keel.kernel.expressions.Expression e, java.util.Set<String> names) {
      if (e instanceof dev.keel.kernel.expressions.Column c) {
        names.add(c.getNames().get(0));
      }
      for (dev.keel.kernel.expressions.Expression child : e.getChildren()) {
        collectColumns(child, names);
      }
    }
  }
}
