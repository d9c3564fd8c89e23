package dev.keel.kernel.internal.snapshot;

import dev.keel.kernel.CommitInfo;
import dev.keel.kernel.Snapshot;
import dev.keel.kernel.Table;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.internal.Errors;
import dev.keel.kernel.internal.log.LogSegment;
import dev.keel.kernel.internal.log.LogSegmentLoader;
import dev.keel.kernel.internal.replay.ProtocolAndMetadata;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** The implementation of {@link Table}. */
public final class TableImpl implements Table {
  private final String path;

  private TableImpl(String path) {
    this.path = path;
  }

  public static Table forPath(Engine engine, String path) {
    String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    try {
      return new TableImpl(engine.getFileSystemClient().resolvePath(p));
    } catch (IOException e) {
      throw Errors.engineFailure("resolve the table path", path, e);
    }
  }

  @Override
  public String getPath() {
    return path;
  }

  /** Loads a snapshot for a segment: protocol and metadata first, checked, then the snapshot. */
  static SnapshotImpl load(Engine engine, LogSegment segment) {
    return new SnapshotImpl(segment, ProtocolAndMetadata.load(engine, segment));
  }

  @Override
  public Snapshot getLatestSnapshot(Engine engine) {
    return load(engine, LogSegmentLoader.load(engine, path, Optional.empty()));
  }

  @Override
  public Snapshot getSnapshotAsOfVersion(Engine engine, long version) {
    if (version < 0) {
      throw Errors.negativeVersion(path, version);
    }
    return load(engine, LogSegmentLoader.load(engine, path, Optional.of(version)));
  }

  @Override
  public Snapshot getSnapshotAsOfTimestamp(Engine engine, long timestampMillis) {
    SnapshotImpl latest = (SnapshotImpl) getLatestSnapshot(engine);
    long version = new CommitTimestamps(engine, latest).versionAsOf(timestampMillis);
    return version == latest.getVersion() ? latest : getSnapshotAsOfVersion(engine, version);
  }

  @Override
  public List<CommitInfo> getHistory(Engine engine, long fromVersion, long toVersion) {
    SnapshotImpl latest = (SnapshotImpl) getLatestSnapshot(engine);
    return new CommitTimestamps(engine, latest).history(fromVersion, toVersion);
  }

  @Override
  public dev.keel.kernel.TransactionBuilder createTransactionBuilder(String engineInfo, dev.keel.kernel.Operation operation) {
    return new dev.keel.kernel.internal.txn.TransactionBuilderImpl(path, engineInfo, operation);
  }

  @Override
  public void checkpoint(Engine engine, long version) {
    dev.keel.kernel.internal.txn.CheckpointWriter.write(engine, path, version);
  }

  @Override
  public String toString() {
    return "Table{" + path + "}";
  }
}
