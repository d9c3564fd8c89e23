package dev.keel.kernel.internal.txn;

import dev.keel.kernel.AddFile;
import dev.keel.kernel.CommitResult;
import dev.keel.kernel.Metadata;
import dev.keel.kernel.Operation;
import dev.keel.kernel.Protocol;
import dev.keel.kernel.TableProperties;
import dev.keel.kernel.Transaction;
import dev.keel.kernel.TransactionState;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.exceptions.PathAlreadyExistsException;
import dev.keel.kernel.expressions.Literal;
import dev.keel.kernel.internal.Errors;
import dev.keel.kernel.internal.Values;
import dev.keel.kernel.internal.log.FileNames;
import dev.keel.kernel.internal.metrics.Reports;
import dev.keel.kernel.internal.snapshot.SnapshotImpl;
import dev.keel.kernel.internal.snapshot.SnapshotLoader;
import dev.keel.kernel.internal.util.Json;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A write in progress: collects add files, then commits with put-if-absent, resolving races with
 * concurrent writers by checking what they committed.
 */
final class TransactionImpl implements Transaction {

  private final TransactionBuilderImpl options;
  private final SnapshotImpl readSnapshot; // null when creating

  /** The newest snapshot this transaction has loaded: the read snapshot, then refreshes of it. */
  private SnapshotImpl newest;

  private final NewTable created; // null when writing to an existing table
  private final Protocol protocol;
  private Metadata metadata; // replaced at commit when it gains the in-commit timestamp enablement
  private final boolean metadataChanged;
  private final boolean protocolChanged;
  private final List<AddFile> adds = new ArrayList<>();
  private final List<String> removes = new ArrayList<>();
  private final java.util.Set<String> removedPaths = new java.util.HashSet<>();
  private final List<String> deletePredicates = new ArrayList<>();
  private final String txnId = UUID.randomUUID().toString();
  private long removedBytes;
  private final List<String> dvAdds = new ArrayList<>();
  private final List<String> changeData = new ArrayList<>();
  private long dvAddedBytes;
  private boolean committed;
  private boolean rowsCopied;

  TransactionImpl(
      TransactionBuilderImpl options,
      SnapshotImpl readSnapshot,
      NewTable created,
      Optional<Metadata> changed,
      Optional<Protocol> upgraded) {
    this.options = options;
    this.readSnapshot = readSnapshot;
    this.newest = readSnapshot;
    this.created = created;
    this.protocolChanged = upgraded.isPresent();
    this.protocol =
        created != null ? created.protocol : upgraded.orElse(readSnapshot.getProtocol());
    this.metadata = created != null ? created.metadata : changed.orElse(readSnapshot.getMetadata());
    this.metadataChanged = changed.isPresent();
  }

  @Override
  public long getReadVersion() {
    return readSnapshot == null ? -1 : readSnapshot.getVersion();
  }

  @Override
  public StructType getSchema() {
    return metadata.getSchema();
  }

  @Override
  public List<String> getPartitionColumns() {
    return metadata.getPartitionColumns();
  }

  @Override
  public TransactionState getState() {
    return Values.make()
        .transactionState(
            options.tablePath,
            metadata.getSchema(),
            metadata.getPartitionColumns(),
            metadata.getConfiguration());
  }

  @Override
  public List<AddFile> write(
      Engine engine, Map<String, Literal> partitionValues, CloseableIterator<ColumnarBatch> data) {
    List<AddFile> files = DataWriter.write(engine, getState(), partitionValues, data);
    addFiles(files);
    return files;
  }

  @Override
  public List<AddFile> writeRows(Engine engine, CloseableIterator<ColumnarBatch> rows) {
    List<AddFile> files = RowWriter.writeRows(engine, getState(), rows);
    addFiles(files);
    return files;
  }

  @Override
  public void addFiles(List<AddFile> files) {
    if (committed) {
      throw new IllegalStateException("the transaction was already committed");
    }
    adds.addAll(files);
  }

  @Override
  public long delete(Engine engine, dev.keel.kernel.expressions.Predicate predicate) {
    checkCanRemove();
    if (TableProperties.of(metadata.getConfiguration()).isTrue(TableProperties.APPEND_ONLY)) {
      throw Errors.appendOnly(options.tablePath);
    }
    deletePredicates.add(predicate.toString());
    return new Deleter(engine, readSnapshot, this).delete(predicate);
  }

  @Override
  public long deleteRows(Engine engine, java.util.Map<String, long[]> rowIndexesByPath) {
    checkCanRemove();
    if (TableProperties.of(metadata.getConfiguration()).isTrue(TableProperties.APPEND_ONLY)) {
      throw Errors.appendOnly(options.tablePath);
    }
    return new Deleter(engine, readSnapshot, this).deleteRows(rowIndexesByPath);
  }

  @Override
  public long removeFiles(Engine engine, dev.keel.kernel.expressions.Predicate partitionPredicate) {
    checkCanRemove();
    java.util.Set<String> columns =
        dev.keel.kernel.internal.scan.Filters.topLevelColumns(partitionPredicate);
    if (!metadata.getPartitionColumns().containsAll(columns)) {
      throw Errors.notAPartitionPredicate(partitionPredicate, metadata.getPartitionColumns());
    }
    return new Deleter(engine, readSnapshot, this).removeWholeFiles(partitionPredicate);
  }

  private void checkCanRemove() {
    if (readSnapshot == null) {
      throw Errors.deleteOnNewTable(options.tablePath);
    }
    if (committed) {
      throw new IllegalStateException("the transaction was already committed");
    }
  }

  /**
   * Records the removal of a live file (a row of ScanFile.SCHEMA).
   *
   * @return the file's add action fields, a fresh map the caller may change
   */
  Map<String, Object> remove(dev.keel.kernel.data.Row file) {
    @SuppressWarnings("unchecked")
    Map<String, Object> add =
        (Map<String, Object>) Json.parse(dev.keel.kernel.ScanFile.toJson(file));
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("path", add.get("path"));
    r.put("deletionTimestamp", System.currentTimeMillis());
    r.put("dataChange", true);
    r.put("extendedFileMetadata", true);
    r.put("partitionValues", add.getOrDefault("partitionValues", Map.of()));
    r.put("size", add.get("size"));
    for (String kept : new String[] {"deletionVector", "baseRowId", "defaultRowCommitVersion"}) {
      if (add.containsKey(kept)) {
        r.put(
            kept,
            add.get(kept)); // row tracking: a remove carries the row ids of the add it removes
      }
    }
    removes.add(Json.toJson(Map.of("remove", r)));
    removedBytes += ((Number) add.get("size")).longValue();
    removedPaths.add((String) add.get("path"));
    return add;
  }

  /**
   * Replaces a live file with the same file and a new deletion vector: a remove of the old logical
   * file (with its old deletion vector, if any) and an add with the new one. The statistics are
   * kept but marked {@code tightBounds: false}, because they still describe every physical row.
   */
  /** Actions only rearrange data (optimize): adds and removes are written with dataChange false. */
  private boolean rearrangeOnly;

  void rearrangeOnly() {
    rearrangeOnly = true;
  }

  Protocol protocol() {
    return protocol;
  }

  /**
   * Records an add action as it stands (a file of an earlier version restored, with its deletion
   * vector and row ids), committed as it is.
   */
  void addAction(Map<String, Object> add) {
    if (committed) {
      throw new IllegalStateException("the transaction was already committed");
    }
    dvAdds.add(Json.toJson(Map.of("add", add)));
    dvAddedBytes += ((Number) add.get("size")).longValue();
  }

  void replaceWithDeletionVector(
      dev.keel.kernel.data.Row file, Map<String, Object> deletionVector) {
    Map<String, Object> add = remove(file);
    add.put("dataChange", true);
    add.put("deletionVector", deletionVector);
    if (add.get("stats") instanceof String) {
      @SuppressWarnings("unchecked")
      Map<String, Object> stats = (Map<String, Object>) Json.parse((String) add.get("stats"));
      stats.put("tightBounds", false);
      add.put("stats", Json.toJson(stats));
    }
    dvAdds.add(Json.toJson(Map.of("add", add)));
    dvAddedBytes += ((Number) add.get("size")).longValue();
  }

  /** Records change data files ({@code cdc} action lines) to commit with the transaction. */
  void addChangeData(List<String> cdcActions) {
    changeData.addAll(cdcActions);
  }

  /** The row id high-water mark of the table version just before {@code version}. */
  private long rowIdHighWaterMarkBefore(Engine engine, long version) {
    if (created != null) {
      return -1;
    }
    newest = SnapshotLoader.atVersion(engine, newest, version - 1);
    return RowIds.highWaterMark(newest.getDomainMetadata(engine, RowIds.DOMAIN));
  }

  /**
   * Notes that rows were copied into new files without keeping their row ids (a copy-on-write
   * delete).
   */
  void rowsCopied() {
    rowsCopied = true;
  }

  private boolean ictEnabled() {
    return TableProperties.of(metadata.getConfiguration())
        .isTrue(TableProperties.ENABLE_IN_COMMIT_TIMESTAMPS);
  }

  private String commitInfo(long now, Optional<Long> inCommitTimestamp) {
    Map<String, Object> m = new LinkedHashMap<>();
    inCommitTimestamp.ifPresent(t -> m.put("inCommitTimestamp", t));
    m.put("timestamp", now);
    m.put("operation", options.operation.getDescription());
    Map<String, Object> params = new LinkedHashMap<>();
    if (options.operation == Operation.CREATE_TABLE) {
      params.put("partitionBy", Json.toJson(new ArrayList<Object>(metadata.getPartitionColumns())));
    } else if (metadataChanged && adds.isEmpty() && removes.isEmpty()) {
      params.put("properties", Json.toJson(new LinkedHashMap<String, Object>(options.properties)));
    } else if (!deletePredicates.isEmpty()) {
      params.put("predicate", Json.toJson(new ArrayList<Object>(deletePredicates)));
    } else {
      params.put("mode", removes.isEmpty() ? "Append" : "Overwrite");
    }
    m.put("operationParameters", params);
    if (RowIds.isSupported(protocol)) {
      m.put("tags", Map.of("delta.rowTracking.preserved", Boolean.toString(!rowsCopied)));
    }
    if (!options.commitMetadata.isEmpty()) {
      m.put("userMetadata", Json.toJson(new LinkedHashMap<String, Object>(options.commitMetadata)));
    }
    m.put("engineInfo", options.engineInfo + " Keel/0.1.0");
    m.put("isBlindAppend", removes.isEmpty() && !metadataChanged);
    m.put("txnId", txnId);
    return Json.toJson(Map.of("commitInfo", m));
  }

  /**
   * The metadata to commit: when this commit turns in-commit timestamps on for an existing table,
   * with the version and timestamp they start at (PROTOCOL.md, "In-Commit Timestamps"), which
   * readers need to tell file times from in-commit timestamps.
   */
  private Metadata withIctEnablement(long version, Optional<Long> ict) {
    boolean wasOn =
        TableProperties.of(readSnapshot.getMetadata().getConfiguration())
            .isTrue(TableProperties.ENABLE_IN_COMMIT_TIMESTAMPS);
    if (wasOn || ict.isEmpty()) {
      return metadata;
    }
    Map<String, String> config = new LinkedHashMap<>(metadata.getConfiguration());
    config.put(TableProperties.IN_COMMIT_TIMESTAMP_ENABLEMENT_VERSION, Long.toString(version));
    config.put(TableProperties.IN_COMMIT_TIMESTAMP_ENABLEMENT_TIMESTAMP, Long.toString(ict.get()));
    return Values.make()
        .metadata(
            metadata.getId(),
            metadata.getName(),
            metadata.getDescription(),
            metadata.getFormatProvider(),
            metadata.getFormatOptions(),
            metadata.getSchemaString(),
            metadata.getPartitionColumns(),
            config,
            metadata.getCreatedTime());
  }

  private byte[] commitFile(
      long version, Metadata toCommit, long now, Optional<Long> ict, long rowIdHighWaterMark) {
    StringBuilder sb = new StringBuilder();
    sb.append(commitInfo(now, ict)).append('\n');
    if (created != null) {
      sb.append(ActionJson.protocol(protocol)).append('\n');
      sb.append(ActionJson.metadata(metadata)).append('\n');
    } else {
      if (protocolChanged) {
        sb.append(ActionJson.protocol(protocol)).append('\n');
      }
      if (metadataChanged) {
        sb.append(ActionJson.metadata(toCommit)).append('\n');
      }
    }
    options.transactionIds.forEach((app, v) -> sb.append(ActionJson.txn(app, v, now)).append('\n'));
    for (String r : removes) {
      sb.append(r).append('\n');
    }
    if (RowIds.isSupported(protocol)) {
      for (String line : RowIds.assign(options.tablePath, adds, rowIdHighWaterMark, version)) {
        sb.append(line).append('\n');
      }
    } else {
      for (AddFile a : adds) {
        sb.append(ActionJson.add(a.toJson())).append('\n');
      }
    }
    for (String a : dvAdds) {
      sb.append(a).append('\n');
    }
    for (String c : changeData) {
      sb.append(c).append('\n');
    }
    String text = sb.toString();
    if (rearrangeOnly) {
      StringBuilder out = new StringBuilder();
      for (String line : text.split("\n")) {
        if (line.startsWith("{\"add\":") || line.startsWith("{\"remove\":")) {
          line = line.replace("\"dataChange\":true", "\"dataChange\":false");
        }
        out.append(line).append('\n');
      }
      text = out.toString();
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public CommitResult commit(Engine engine) {
    if (committed) {
      throw new IllegalStateException("the transaction was already committed");
    }
    long start = System.nanoTime();
    String logDir = FileNames.logDir(options.tablePath);
    long version = getReadVersion() + 1;
    long lastTimestamp = readSnapshot == null ? Long.MIN_VALUE : readSnapshot.getTimestamp();
    int attempts = 0;
    Optional<Long> committedIct = Optional.empty();
    while (true) {
      attempts++;
      long now = System.currentTimeMillis();
      Optional<Long> ict =
          ictEnabled() ? Optional.of(Math.max(now, lastTimestamp + 1)) : Optional.empty();
      String path = FileNames.deltaFile(logDir, version);
      try {
        Metadata toCommit = metadataChanged ? withIctEnablement(version, ict) : metadata;
        long rowIdHighWaterMark =
            RowIds.isSupported(protocol) ? rowIdHighWaterMarkBefore(engine, version) : -1;
        engine
            .getFileSystemClient()
            .write(path, commitFile(version, toCommit, now, ict, rowIdHighWaterMark), false);
        metadata = toCommit; // what the checksum file and checkpoint describe
        committed = true;
        committedIct = ict;
        break;
      } catch (PathAlreadyExistsException lost) {
        if (created != null) {
          throw Errors.tableAlreadyExists(options.tablePath);
        }
        if (attempts > options.maxRetries) {
          throw Errors.tooManyRetries(options.tablePath, attempts);
        }
        long[] next = ConflictChecker.checkWinners(engine, options, removedPaths, logDir, version);
        version = next[0];
        lastTimestamp = Math.max(lastTimestamp, next[1]);
      } catch (IOException e) {
        throw Errors.engineFailure("write the commit file", path, e);
      }
    }
    Reports.emit(
        engine,
        new Reports.Commit(
            options.tablePath,
            version,
            attempts,
            adds.size() + dvAdds.size(),
            removes.size(),
            System.nanoTime() - start));
    boolean checksum = maybeWriteChecksum(engine, version, committedIct);
    boolean checkpointed = maybeCheckpoint(engine, version);
    return Values.make().commitResult(version, attempts, checkpointed, checksum);
  }

  /**
   * Writes {@code NNN.crc} when the totals before this commit are known exactly: a new table, or a
   * commit right after the read version whose checksum file was valid. A failure to write it does
   * not fail the commit, which is already durable; the file is optional.
   */
  private boolean maybeWriteChecksum(Engine engine, long version, Optional<Long> ict) {
    long sizeBefore;
    long filesBefore;
    if (created != null) {
      sizeBefore = 0;
      filesBefore = 0;
    } else if (version == readSnapshot.getVersion() + 1
        && readSnapshot.getTableSizeBytes().isPresent()
        && readSnapshot.getNumFiles().isPresent()) {
      sizeBefore = readSnapshot.getTableSizeBytes().get();
      filesBefore = readSnapshot.getNumFiles().get();
    } else {
      return false;
    }
    long addedBytes = dvAddedBytes;
    for (AddFile a : adds) {
      addedBytes += a.getSize();
    }
    try {
      return ChecksumWriter.write(
          engine,
          options.tablePath,
          version,
          txnId,
          sizeBefore + addedBytes - removedBytes,
          filesBefore + adds.size() + dvAdds.size() - removes.size(),
          protocol,
          metadata,
          ict);
    } catch (java.io.UncheckedIOException e) {
      return false;
    }
  }

  private boolean maybeCheckpoint(Engine engine, long version) {
    int interval = TableProperties.of(metadata.getConfiguration()).getCheckpointInterval();
    if (version == 0 || version % interval != 0) {
      return false;
    }
    if (newest != null) {
      newest = SnapshotLoader.atVersion(engine, newest, version);
      CheckpointWriter.write(engine, newest);
    } else {
      CheckpointWriter.write(engine, options.tablePath, version);
    }
    return true;
  }
}
