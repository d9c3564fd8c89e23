package dev.keel.kernel;

import dev.keel.kernel.annotations.Stable;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.expressions.Column;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A consistent view of a table at one version. Immutable and safe to share; file-level state is
 * read from the log on demand, through the engine passed in.
 */
@Stable
public interface Snapshot {
  /**
   * @return the table root
   */
  String getTablePath();

  /**
   * @return the version
   */
  long getVersion();

  /**
   * @return the commit timestamp of this version in epoch milliseconds: the in-commit timestamp
   *     where the table has them enabled, else the commit file's modification time
   */
  long getTimestamp();

  /**
   * Returns the table's latest snapshot, reading only what was committed after this one: the log is
   * listed from the next version on, and protocol and metadata come from the new commits (or the
   * new version's checksum file), unchanged ones from this snapshot. A checkpoint written since is
   * used for later file listings. This snapshot is not changed.
   *
   * @param engine the engine
   * @return this snapshot when nothing was committed since, else the newer snapshot
   * @throws dev.keel.kernel.exceptions.UnsupportedProtocolException if a new commit upgraded the
   *     protocol beyond what Keel reads
   * @throws dev.keel.kernel.exceptions.InvalidTableException if the new commits are not contiguous
   */
  Snapshot refresh(Engine engine);

  /**
   * @return the in-commit timestamp of this version, if the table has them enabled
   */
  Optional<Long> getInCommitTimestamp();

  /**
   * @return the logical schema
   */
  StructType getSchema();

  /**
   * @return the partition columns, in order
   */
  List<String> getPartitionColumns();

  /**
   * @return the table properties ({@code metaData.configuration})
   */
  Map<String, String> getProperties();

  /**
   * @return the protocol
   */
  Protocol getProtocol();

  /**
   * @return the metadata
   */
  Metadata getMetadata();

  /**
   * @param engine the engine, to replay domain metadata when no checksum file lists it
   * @return the clustering columns of a clustered table (logical paths), empty otherwise
   */
  List<Column> getClusteringColumns(Engine engine);

  /**
   * @param engine the engine, to replay domain metadata when no checksum file lists it
   * @return every non-removed domain's configuration, by domain name, sorted
   */
  Map<String, String> getDomainMetadata(Engine engine);

  /**
   * @param engine the engine, to replay domain metadata when no checksum file lists it
   * @param domain a domain name, e.g. {@code delta.clustering}
   * @return the domain's configuration string, if the domain exists and is not removed
   */
  Optional<String> getDomainMetadata(Engine engine, String domain);

  /**
   * @param engine the engine
   * @param applicationId a writer's application id
   * @return the last version that application committed ({@code txn} action), if any
   */
  Optional<Long> getLatestTransactionVersion(Engine engine, String applicationId);

  /**
   * @param engine the engine
   * @return every application's last committed version ({@code txn} actions), by application id;
   *     transactions older than {@code delta.setTransactionRetentionDuration} are left out
   */
  Map<String, Long> getSetTransactions(Engine engine);

  /**
   * @return the total size of the live data files, when a checksum file for this version says so
   */
  Optional<Long> getTableSizeBytes();

  /**
   * @return the number of live data files, when a checksum file for this version says so
   */
  Optional<Long> getNumFiles();

  /**
   * Streams the live data files of this version, as batches of {@link ScanFile#SCHEMA} rows
   * (selected rows only). Replay keeps only the keys needed to reconcile adds and removes. Once a
   * listing has been read to its end, the snapshot remembers which log rows were live (one bit per
   * action), and later listings with the same engine read the log without reconciling.
   *
   * @param engine the engine
   * @return the files; the caller closes the iterator and each batch
   */
  CloseableIterator<FilteredColumnarBatch> getFiles(Engine engine);

  /**
   * @return a builder for a scan of this snapshot, reading every column by default
   */
  ScanBuilder getScanBuilder();
}
