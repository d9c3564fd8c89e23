package dev.keel.kernel;

import static java.util.Objects.requireNonNull;

import dev.keel.kernel.annotations.Stable;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.exceptions.InvalidTableException;
import dev.keel.kernel.exceptions.KernelException;
import dev.keel.kernel.exceptions.TableNotFoundException;
import dev.keel.kernel.exceptions.UnsupportedProtocolException;
import dev.keel.kernel.internal.changes.ChangeDataFeed;
import dev.keel.kernel.internal.changes.CommitReader;
import dev.keel.kernel.internal.changes.FileStreamImpl;
import dev.keel.kernel.internal.snapshot.SnapshotLoader;
import dev.keel.kernel.internal.txn.CheckpointWriter;
import dev.keel.kernel.internal.txn.Optimize;
import dev.keel.kernel.internal.txn.TableMaintenance;
import dev.keel.kernel.internal.txn.TransactionBuilderImpl;
import dev.keel.kernel.utils.CloseableIterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A Delta table at a path. Cheap to create; nothing is read until a snapshot is asked for. Safe to
 * share between threads.
 *
 * <pre>{@code
 * Table table = Table.forPath(engine, "s3a://bucket/events");
 * Snapshot latest = table.getLatestSnapshot(engine);
 * Snapshot v5 = table.getSnapshotAsOfVersion(engine, 5);
 * }</pre>
 */
@Stable
public final class Table {
  private final String path;

  private Table(String path) {
    this.path = path;
  }

  /**
   * @param engine the engine, used to qualify the path
   * @param path the table root (the directory holding {@code _delta_log}), a URI or local path
   * @return the table
   * @throws KernelException if the path cannot be resolved
   */
  public static Table forPath(Engine engine, String path) {
    return new Table(SnapshotLoader.resolvePath(engine, requireNonNull(path, "path is null")));
  }

  /**
   * @return the fully qualified table root
   */
  public String getPath() {
    return path;
  }

  /**
   * Loads the newest snapshot.
   *
   * @param engine the engine to read the log with
   * @return the snapshot
   * @throws TableNotFoundException if the path holds no Delta log
   * @throws InvalidTableException if the log is inconsistent (gaps, no protocol or metadata)
   * @throws UnsupportedProtocolException if the table needs reader features Keel lacks
   */
  public Snapshot getLatestSnapshot(Engine engine) {
    return SnapshotLoader.latest(engine, path);
  }

  /**
   * Loads the snapshot at a version.
   *
   * @param engine the engine
   * @param version the version, 0 or more
   * @return the snapshot
   * @throws dev.keel.kernel.exceptions.VersionNotFoundException if the table has no such version
   *     (the message names the versions it can load)
   * @throws TableNotFoundException as {@link #getLatestSnapshot}
   * @throws InvalidTableException as {@link #getLatestSnapshot}
   * @throws UnsupportedProtocolException as {@link #getLatestSnapshot}
   */
  public Snapshot getSnapshotAsOfVersion(Engine engine, long version) {
    return SnapshotLoader.atVersion(engine, path, version);
  }

  /**
   * Loads the snapshot that was current at a point in time: the newest version whose commit
   * timestamp is at or before {@code timestampMillis}. Commit timestamps are in-commit timestamps
   * from the version that enabled them on, file modification times before.
   *
   * @param engine the engine
   * @param timestampMillis epoch milliseconds
   * @return the snapshot
   * @throws dev.keel.kernel.exceptions.VersionNotFoundException if the time is before the first
   *     commit still in the log, or after the latest commit (the message gives both bounds)
   */
  public Snapshot getSnapshotAsOfTimestamp(Engine engine, long timestampMillis) {
    return SnapshotLoader.asOfTimestamp(engine, path, timestampMillis);
  }

  /**
   * The first version committed at or after a point in time (commit timestamps as {@link
   * #getSnapshotAsOfTimestamp} has them): where a stream that starts at a time begins.
   *
   * @param engine the engine
   * @param timestampMillis epoch milliseconds
   * @return the version
   * @throws dev.keel.kernel.exceptions.VersionNotFoundException if the time is after the latest
   *     commit (the message gives the latest commit's time)
   */
  public long getVersionAtOrAfter(Engine engine, long timestampMillis) {
    return SnapshotLoader.versionAtOrAfter(engine, path, timestampMillis);
  }

  /**
   * Reads the commit infos of versions {@code fromVersion} to {@code toVersion} inclusive, newest
   * first, without reading any data file.
   *
   * @param engine the engine
   * @param fromVersion the oldest version wanted
   * @param toVersion the newest version wanted
   * @return one entry per commit file found in the range, newest first
   * @throws dev.keel.kernel.exceptions.VersionNotFoundException if the range is outside the log
   */
  public List<CommitInfo> getHistory(Engine engine, long fromVersion, long toVersion) {
    return SnapshotLoader.history(engine, path, fromVersion, toVersion);
  }

  /**
   * Starts configuring a write to this table (or the creation of it).
   *
   * @param engineInfo who writes, recorded in commitInfo, e.g. {@code my-ingest/1.2}
   * @param operation what the write does
   * @return the builder
   */
  public TransactionBuilder createTransactionBuilder(String engineInfo, Operation operation) {
    return new TransactionBuilderImpl(path, engineInfo, operation);
  }

  /**
   * Writes a checkpoint of a version and points {@code _last_checkpoint} at it: a V2 checkpoint
   * with sidecars on tables with the {@code v2Checkpoint} feature, one classic Parquet file
   * otherwise. It holds the protocol, metadata, transactions, domain metadata, live files and the
   * removes younger than {@code delta.deletedFileRetentionDuration} (one week by default);
   * statistics as JSON, and also as a struct when {@code delta.checkpoint.writeStatsAsStruct} is
   * {@code true}. A checkpoint another writer wrote for the same version meanwhile is kept.
   *
   * @param engine the engine
   * @param version the version to checkpoint
   * @throws dev.keel.kernel.exceptions.KernelException if the version cannot be loaded or written
   */
  public void checkpoint(Engine engine, long version) {
    CheckpointWriter.write(engine, path, version);
  }

  /**
   * Reads the actions of commits {@code fromVersion} to {@code toVersion} (inclusive), in version
   * order: only those commit files, several at once, through the engine's JSON handler. For a
   * streaming reader, a debugging tool, or anything that needs what each commit did rather than a
   * snapshot.
   *
   * @param engine the engine
   * @param fromVersion the first commit
   * @param toVersion the last commit
   * @param actions the kinds of action wanted, at least one
   * @return the commits' actions; the caller closes the iterator and each element
   * @throws dev.keel.kernel.exceptions.VersionNotFoundException if the range starts after its end
   *     or ends after the latest commit, or its first commits were removed from the log
   * @throws IllegalArgumentException if no kind of action is asked for
   */
  public CloseableIterator<CommitActions> getCommits(
      Engine engine, long fromVersion, long toVersion, Set<DeltaAction> actions) {
    return CommitReader.read(engine, path, fromVersion, toVersion, actions);
  }

  /**
   * Restores the table's files to those of an earlier version, in one commit (operation {@code
   * RESTORE}): files of that version no longer live are added back, with their deletion vectors and
   * row ids, and files live now that it did not have are removed. The schema and properties stay as
   * they are now.
   *
   * @param engine the engine
   * @param version the version to restore; the latest restores nothing
   * @return what was re-added and removed, and the version committed
   * @throws dev.keel.kernel.exceptions.VersionNotFoundException if the version cannot be loaded
   * @throws KernelException if a data file of that version was deleted (vacuumed)
   * @throws dev.keel.kernel.exceptions.ConcurrentWriteException if a concurrent commit removed a
   *     file the restore removes
   */
  public MaintenanceResult restore(Engine engine, long version) {
    return TableMaintenance.restore(engine, path, version);
  }

  /**
   * {@link #restore} to the version that was current at a time, as {@link
   * #getSnapshotAsOfTimestamp} resolves it.
   *
   * @param engine the engine
   * @param timestampMillis epoch milliseconds
   * @return as {@link #restore}
   */
  public MaintenanceResult restoreToTimestamp(Engine engine, long timestampMillis) {
    return TableMaintenance.restore(
        engine, path, SnapshotLoader.versionAsOf(engine, path, timestampMillis));
  }

  /**
   * Compacts small files: in each partition (those a partition filter keeps, when given), files
   * smaller than {@code targetFileSize} and files with deletion vectors are packed into bins of up
   * to that size, and each bin of two or more files (or one file with a deletion vector) is
   * rewritten into new files, without the deleted rows. One commit (operation {@code OPTIMIZE})
   * whose adds and removes say {@code dataChange: false}, so streaming readers skip it. Appends
   * committed meanwhile are kept; a concurrent delete of a rewritten file fails the commit. On row
   * tracking tables the rewritten rows keep their row ids and row commit versions, written to the
   * table's materialized columns ({@code delta.rowTracking.preserved} true).
   *
   * @param engine the engine
   * @param partitionFilter which partitions to compact (partition columns only), or empty for all
   * @param targetFileSize the size files are packed up to, in bytes
   * @return the files removed ({@link MaintenanceResult#getPaths()}), how many were written, and
   *     the version committed (empty when there was nothing to compact)
   * @throws dev.keel.kernel.exceptions.InvalidExpressionException if the filter names a data column
   * @throws dev.keel.kernel.exceptions.ConcurrentWriteException if a concurrent commit removed a
   *     file being rewritten
   */
  public MaintenanceResult optimize(
      Engine engine,
      Optional<dev.keel.kernel.expressions.Predicate> partitionFilter,
      long targetFileSize) {
    return withFilter(createOptimizeBuilder(), partitionFilter)
        .withTargetFileSize(targetFileSize)
        .execute(engine);
  }

  /**
   * {@link #optimize(Engine, Optional, long)} with the table's own target size, {@link
   * TableProperties#TARGET_FILE_SIZE} (128 MiB unless the table sets it).
   *
   * @param engine the engine
   * @param partitionFilter which partitions to compact (partition columns only), or empty for all
   * @return as {@link #optimize(Engine, Optional, long)}
   * @throws dev.keel.kernel.exceptions.InvalidExpressionException if the filter names a data column
   * @throws dev.keel.kernel.exceptions.ConcurrentWriteException if a concurrent commit removed a
   *     file being rewritten
   */
  public MaintenanceResult optimize(
      Engine engine, Optional<dev.keel.kernel.expressions.Predicate> partitionFilter) {
    return withFilter(createOptimizeBuilder(), partitionFilter).execute(engine);
  }

  /**
   * {@link #optimize} that also orders each partition's rows along a Z-order curve of some columns
   * (their ranks' bits interleaved) and cuts the result into files of about {@code targetFileSize}:
   * every file of each partition is rewritten, and files end up with narrow min/max ranges in each
   * of the columns, so range filters on them skip more files. A partition's rows are held in memory
   * while they are ordered.
   *
   * @param engine the engine
   * @param partitionFilter which partitions (partition columns only), or empty for all
   * @param targetFileSize about how large each written file is, in bytes
   * @param zOrderBy one or more data columns of orderable types
   * @return as {@link #optimize}
   * @throws dev.keel.kernel.exceptions.InvalidExpressionException if a column is not a data column
   */
  public MaintenanceResult optimize(
      Engine engine,
      Optional<dev.keel.kernel.expressions.Predicate> partitionFilter,
      long targetFileSize,
      List<String> zOrderBy) {
    return withFilter(createOptimizeBuilder(), partitionFilter)
        .withTargetFileSize(targetFileSize)
        .zOrderBy(zOrderBy)
        .execute(engine);
  }

  private static OptimizeBuilder withFilter(
      OptimizeBuilder builder, Optional<dev.keel.kernel.expressions.Predicate> partitionFilter) {
    return partitionFilter.map(builder::withPartitionFilter).orElse(builder);
  }

  /**
   * Starts configuring an optimize with every option: partition filter, target and minimum file
   * sizes, Z-order columns and a progress listener. The {@code optimize} methods are shorthands of
   * it.
   *
   * @return the builder; {@link OptimizeBuilder#execute} runs it
   */
  public OptimizeBuilder createOptimizeBuilder() {
    return Optimize.builder(path);
  }

  /**
   * Deletes the files under the table that no version within the retention needs: not live now, not
   * removed within the retention (tombstones), not a deletion vector of either, and last modified
   * before the retention window (so files a writer has not committed yet survive). Change data
   * files ({@code _change_data}) older than the window go too; the log and other hidden files
   * ({@code _*}, {@code .*}) are never touched.
   *
   * @param engine the engine; its file system must list recursively
   * @param retention how long removed files are kept; the table's {@code
   *     delta.deletedFileRetentionDuration} (7 days by default) when empty
   * @param dryRun list what would be deleted, delete nothing
   * @param force allow a retention shorter than the table's
   * @return the files deleted (or that would be)
   * @throws KernelException if the retention is shorter than the table's and not forced
   * @throws UnsupportedProtocolException if the table has writer features Keel does not write (as
   *     the {@code vacuumProtocolCheck} feature asks, vacuum checks the writer protocol)
   */
  public MaintenanceResult vacuum(
      Engine engine, Optional<java.time.Duration> retention, boolean dryRun, boolean force) {
    return vacuum(engine, retention, dryRun, force, MaintenanceProgress.NONE);
  }

  /**
   * {@link #vacuum(Engine, Optional, boolean, boolean)} that reports the files deleted as it goes
   * (step {@code delete}).
   *
   * @param engine the engine; its file system must list recursively
   * @param retention as {@link #vacuum(Engine, Optional, boolean, boolean)}
   * @param dryRun list what would be deleted, delete nothing (and report no progress)
   * @param force allow a retention shorter than the table's
   * @param progress told of the files deleted
   * @return the files deleted (or that would be)
   * @throws KernelException if the retention is shorter than the table's and not forced
   * @throws UnsupportedProtocolException if the table has writer features Keel does not write
   */
  public MaintenanceResult vacuum(
      Engine engine,
      Optional<java.time.Duration> retention,
      boolean dryRun,
      boolean force,
      MaintenanceProgress progress) {
    return TableMaintenance.vacuum(
        engine, path, retention, dryRun, force, requireNonNull(progress, "progress"));
  }

  /**
   * Checks that every live file exists, and (unless a dry run) removes the entries of those that do
   * not, in one commit (operation {@code FSCK}). Reads of a table with a lost data file fail; after
   * a repair they return the rows of the files that remain.
   *
   * @param engine the engine
   * @param dryRun list the missing files, commit nothing
   * @return the missing files, and the version committed if any
   */
  public MaintenanceResult repair(Engine engine, boolean dryRun) {
    return repair(engine, dryRun, MaintenanceProgress.NONE);
  }

  /**
   * {@link #repair(Engine, boolean)} that reports the live files checked as it goes (step {@code
   * check}).
   *
   * @param engine the engine
   * @param dryRun list the missing files, commit nothing
   * @param progress told of the files checked
   * @return the missing files, and the version committed if any
   */
  public MaintenanceResult repair(Engine engine, boolean dryRun, MaintenanceProgress progress) {
    return TableMaintenance.repair(engine, path, dryRun, requireNonNull(progress, "progress"));
  }

  /**
   * Deletes log files (commits, checkpoints, checksums, compactions) older than {@code
   * delta.logRetentionDuration} (30 days by default) that come before the newest checkpoint at or
   * before the first version within that retention, so that every version within the retention
   * stays loadable. When no checkpoint covers the expired commits (or a checkpoint interval's worth
   * of them, {@code delta.checkpointInterval}, came after the last one), it first checkpoints the
   * first version within the retention, so that they can go.
   *
   * @param engine the engine
   * @return the log files deleted
   */
  public MaintenanceResult cleanUpLog(Engine engine) {
    return TableMaintenance.cleanUpLog(engine, path);
  }

  /**
   * Starts configuring a stream of the files a continuous reader reads next: by default the latest
   * snapshot's files, then the files each later commit adds.
   *
   * @return the builder; see {@link FileStream} for the consumer's loop
   */
  public FileStreamBuilder getFileStream() {
    return FileStreamImpl.builder(path);
  }

  /**
   * Starts configuring a read of this table's change data feed: the rows that a range of commits
   * inserted, deleted and updated, with their change type, commit version and commit timestamp.
   *
   * <pre>{@code
   * Changes changes = table.getChanges().fromVersion(5).build(engine); // 5 to the latest
   * }</pre>
   *
   * @return the builder; {@link ChangesBuilder#build} checks the range against the log
   */
  public ChangesBuilder getChanges() {
    return ChangeDataFeed.builder(path);
  }

  @Override
  public String toString() {
    return "Table{" + path + "}";
  }
}
