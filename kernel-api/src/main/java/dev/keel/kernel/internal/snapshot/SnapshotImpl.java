package dev.keel.kernel.internal.snapshot;

import dev.keel.kernel.Metadata;
import dev.keel.kernel.Protocol;
import dev.keel.kernel.Snapshot;
import dev.keel.kernel.TableProperties;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.expressions.Column;
import dev.keel.kernel.internal.log.LogSegment;
import dev.keel.kernel.internal.log.LogSegmentLoader;
import dev.keel.kernel.internal.replay.FileReplay;
import dev.keel.kernel.internal.replay.ProtocolAndMetadata;
import dev.keel.kernel.internal.replay.StateReplay;
import dev.keel.kernel.internal.util.Json;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A loaded snapshot: its log segment, protocol and metadata, and lazily replayed state. */
public final class SnapshotImpl implements Snapshot {
  private final LogSegment segment;
  private final ProtocolAndMetadata pm;
  private final long timestamp;

  /**
   * Which log rows the first complete listing found live, so later listings skip reconciliation.
   */
  private final FileReplay.Memo replayMemo = new FileReplay.Memo();

  private volatile StateReplay state;

  SnapshotImpl(LogSegment segment, ProtocolAndMetadata pm) {
    this.segment = segment;
    this.pm = pm;
    long ts;
    if (isInCommitTimestampsEnabled() && pm.latestInCommitTimestamp.isPresent()) {
      ts = pm.latestInCommitTimestamp.get();
    } else if (segment.lastDelta().isPresent()) {
      ts = segment.lastDelta().get().getModificationTime();
    } else {
      ts = segment.checkpoint.get(0).getModificationTime();
    }
    this.timestamp = ts;
  }

  @Override
  public SnapshotImpl refresh(Engine engine) {
    Optional<SnapshotImpl> newer =
        SnapshotLoader.measured(
            engine,
            true,
            e ->
                LogSegmentLoader.extend(e, segment)
                    .map(
                        ext ->
                            new SnapshotImpl(
                                ext.segment,
                                ProtocolAndMetadata.loadAfter(
                                    e, ext.segment, ext.newCommits, pm))));
    return newer.isPresent() ? newer.get() : this;
  }

  /**
   * A rough estimate of the heap this snapshot keeps (schema, properties, the file statuses of its
   * log segment), for caches bounded by bytes; the lazily replayed transactions and domains add to
   * it once read, and the remembered selection of live log rows once a listing completes.
   */
  public long estimatedSizeBytes() {
    long bytes = 1024 + 2L * pm.metadata.getSchemaString().length();
    for (Map.Entry<String, String> e : pm.metadata.getConfiguration().entrySet()) {
      bytes += 64 + 2L * (e.getKey().length() + e.getValue().length());
    }
    int files = segment.checkpoint.size() + segment.deltas.size() + segment.compactions.size() + 1;
    return bytes + 300L * files + replayMemo.estimatedBytes();
  }

  public LogSegment getLogSegment() {
    return segment;
  }

  private boolean isInCommitTimestampsEnabled() {
    return TableProperties.of(pm.metadata.getConfiguration())
        .isTrue(TableProperties.ENABLE_IN_COMMIT_TIMESTAMPS);
  }

  private StateReplay state(Engine engine) {
    StateReplay s = state;
    if (s == null) {
      synchronized (this) {
        if (state == null) {
          state = StateReplay.load(engine, segment);
        }
        s = state;
      }
    }
    return s;
  }

  @Override
  public String getTablePath() {
    return segment.tablePath;
  }

  @Override
  public long getVersion() {
    return segment.version;
  }

  @Override
  public long getTimestamp() {
    return timestamp;
  }

  @Override
  public Optional<Long> getInCommitTimestamp() {
    return isInCommitTimestampsEnabled() ? pm.latestInCommitTimestamp : Optional.empty();
  }

  @Override
  public StructType getSchema() {
    return pm.metadata.getSchema();
  }

  @Override
  public List<String> getPartitionColumns() {
    return pm.metadata.getPartitionColumns();
  }

  @Override
  public Map<String, String> getProperties() {
    return pm.metadata.getConfiguration();
  }

  @Override
  public Protocol getProtocol() {
    return pm.protocol;
  }

  @Override
  public Metadata getMetadata() {
    return pm.metadata;
  }

  @Override
  public List<Column> getClusteringColumns(Engine engine) {
    return getDomainMetadata(engine, "delta.clustering")
        .map(c -> ColumnMappingNames.clusteringColumns(c, getSchema()))
        .orElse(List.of());
  }

  /**
   * Replayed from the log: a checksum file's domain list is not trusted (it can disagree with the
   * log).
   */
  @Override
  public Map<String, String> getDomainMetadata(Engine engine) {
    return Collections.unmodifiableMap(state(engine).domains);
  }

  @Override
  public Optional<String> getDomainMetadata(Engine engine, String domain) {
    return Optional.ofNullable(getDomainMetadata(engine).get(domain));
  }

  @Override
  public Optional<Long> getLatestTransactionVersion(Engine engine, String applicationId) {
    return Optional.ofNullable(getSetTransactions(engine).get(applicationId));
  }

  /**
   * With {@code delta.setTransactionRetentionDuration} set, as in Spark, a transaction is kept only
   * when its {@code lastUpdated} is known and within the retention of now.
   */
  @Override
  public Map<String, Long> getSetTransactions(Engine engine) {
    StateReplay s = state(engine);
    Optional<Long> retentionMillis =
        TableProperties.of(pm.metadata.getConfiguration()).getSetTransactionRetentionMillis();
    Map<String, Long> out = new TreeMap<>();
    long oldestKept =
        retentionMillis.map(r -> System.currentTimeMillis() - r).orElse(Long.MIN_VALUE);
    for (Map.Entry<String, Long> e : s.transactionVersions.entrySet()) {
      Long lastUpdated = s.transactionLastUpdated.get(e.getKey());
      if (retentionMillis.isPresent() && (lastUpdated == null || lastUpdated < oldestKept)) {
        continue;
      }
      out.put(e.getKey(), e.getValue());
    }
    return Collections.unmodifiableMap(out);
  }

  /** When each application's transaction was last updated, where the log says. */
  public Map<String, Long> getTransactionLastUpdated(Engine engine) {
    return Collections.unmodifiableMap(state(engine).transactionLastUpdated);
  }

  @Override
  public Optional<Long> getTableSizeBytes() {
    return pm.checksum.map(c -> c.tableSizeBytes);
  }

  @Override
  public Optional<Long> getNumFiles() {
    return pm.checksum.map(c -> c.numFiles);
  }

  @Override
  public CloseableIterator<FilteredColumnarBatch> getFiles(Engine engine) {
    return FileReplay.liveFiles(engine, segment, Optional.empty(), true, replayMemo);
  }

  /**
   * The live files, with struct statistics of checkpoints turned into stats JSON (for data
   * skipping); without statistics at all when {@code withStats} is false.
   */
  public CloseableIterator<FilteredColumnarBatch> getFiles(
      Engine engine, Optional<StructType> statsParsedSchema, boolean withStats) {
    return FileReplay.liveFiles(engine, segment, statsParsedSchema, withStats, replayMemo);
  }

  @Override
  public dev.keel.kernel.ScanBuilder getScanBuilder() {
    return new dev.keel.kernel.internal.scan.ScanBuilderImpl(this);
  }

  @Override
  public String toString() {
    return "Snapshot{table=" + segment.tablePath + ", version=" + segment.version + "}";
  }

  /** Helpers for column-mapping physical names in domain configurations. */
  static final class ColumnMappingNames {
    private ColumnMappingNames() {}

    @SuppressWarnings("unchecked")
    static List<Column> clusteringColumns(String config, StructType schema) {
      List<Column> out = new ArrayList<>();
      Object tree;
      try {
        tree = Json.parse(config);
      } catch (Json.JsonSyntaxException e) {
        return out;
      }
      if (!(tree instanceof Map)
          || !(((Map<String, Object>) tree).get("clusteringColumns") instanceof List)) {
        return out;
      }
      for (Object col : (List<Object>) ((Map<String, Object>) tree).get("clusteringColumns")) {
        if (col instanceof List) {
          out.add(new Column(toLogical((List<String>) col, schema)));
        }
      }
      return out;
    }

    private static List<String> toLogical(List<String> physical, StructType schema) {
      List<String> logical = new ArrayList<>();
      dev.keel.kernel.types.DataType t = schema;
      for (String name : physical) {
        String found = name;
        if (t instanceof StructType) {
          for (dev.keel.kernel.types.StructField f : ((StructType) t).getFields()) {
            String phys =
                f.getMetadata().getString("delta.columnMapping.physicalName").orElse(f.getName());
            if (phys.equals(name)) {
              found = f.getName();
              t = f.getDataType();
              break;
            }
          }
        }
        logical.add(found);
      }
      return logical;
    }
  }
}
