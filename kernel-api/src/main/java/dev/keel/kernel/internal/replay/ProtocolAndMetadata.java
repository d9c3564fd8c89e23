package dev.keel.kernel.internal.replay;

import dev.keel.kernel.Metadata;
import dev.keel.kernel.Protocol;
import dev.keel.kernel.TableProperties;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.internal.Errors;
import dev.keel.kernel.internal.actions.ActionReaders;
import dev.keel.kernel.internal.actions.ActionSchemas;
import dev.keel.kernel.internal.features.TableFeatures;
import dev.keel.kernel.internal.log.Checksum;
import dev.keel.kernel.internal.log.FileNames;
import dev.keel.kernel.internal.log.LogSegment;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import dev.keel.kernel.utils.FileStatus;
import java.util.List;
import java.util.Optional;

/**
 * Loads the protocol and metadata of a snapshot as cheaply as the log allows: from the version's
 * checksum file when it is valid; else from the commit files newest first, stopping as soon as both
 * are found; and only then from the checkpoint. The protocol is checked against the features Keel
 * reads as soon as it is known, before the metadata is used.
 */
public final class ProtocolAndMetadata {
  public final Protocol protocol;
  public final Metadata metadata;
  public final Optional<Checksum> checksum;

  /** The in-commit timestamp of the snapshot's own commit, when its commitInfo has one. */
  public final Optional<Long> latestInCommitTimestamp;

  private ProtocolAndMetadata(
      Protocol protocol, Metadata metadata, Optional<Checksum> checksum, Optional<Long> ict) {
    this.protocol = protocol;
    this.metadata = metadata;
    this.checksum = checksum;
    this.latestInCommitTimestamp = ict;
  }

  private static final StructType COMMIT_SCHEMA =
      ActionSchemas.of(
          ActionSchemas.PROTOCOL_FIELD,
          ActionSchemas.METADATA_FIELD,
          ActionSchemas.COMMIT_INFO_FIELD);

  /** Protocol and metadata only: checkpoints, and commits older than the newest. */
  private static final StructType CHECKPOINT_SCHEMA =
      ActionSchemas.of(ActionSchemas.PROTOCOL_FIELD, ActionSchemas.METADATA_FIELD);

  public static ProtocolAndMetadata load(Engine engine, LogSegment segment) {
    Optional<Checksum> crc = segment.checksum.flatMap(f -> Checksum.read(engine, f));
    if (crc.isPresent()) {
      TableFeatures.checkReadable(segment.tablePath, crc.get().protocol);
      Optional<Long> ict = crc.get().inCommitTimestamp;
      if (ict.isEmpty() && isIctEnabled(crc.get().metadata)) {
        ict = readLatestInCommitTimestamp(engine, segment);
      }
      return new ProtocolAndMetadata(crc.get().protocol, crc.get().metadata, crc, ict);
    }
    Found found = new Found();
    long newest = segment.deltas.isEmpty() ? -1 : segment.version;
    // the in-commit timestamp comes from the newest commit only: older ones are read without
    // commitInfo
    List<FileStatus> deltas = segment.deltas;
    if (!deltas.isEmpty()) {
      try (CloseableIterator<LogFiles.ActionBatch> it =
          LogFiles.commitsOneByOne(
              engine, deltas.subList(deltas.size() - 1, deltas.size()), COMMIT_SCHEMA)) {
        found.scanCommits(segment.tablePath, it, newest);
      }
    }
    if ((found.protocol == null || found.metadata == null) && deltas.size() > 1) {
      try (CloseableIterator<LogFiles.ActionBatch> it =
          LogFiles.commitsOneByOne(
              engine, deltas.subList(0, deltas.size() - 1), CHECKPOINT_SCHEMA)) {
        found.scanCommits(segment.tablePath, it, newest);
      }
    }
    Protocol protocol = found.protocol;
    Metadata metadata = found.metadata;
    boolean metadataHasSchema = found.metadataHasSchema;
    Optional<Long> ict = found.ict;
    if (protocol == null || metadata == null) {
      try (CloseableIterator<LogFiles.ActionBatch> it =
          LogFiles.checkpoint(engine, segment, CHECKPOINT_SCHEMA, false)) {
        while ((protocol == null || metadata == null) && it.hasNext()) {
          try (LogFiles.ActionBatch ab = it.next()) {
            ColumnarBatch b = ab.batch;
            for (int i = 0; i < b.getSize(); i++) {
              if (protocol == null && !b.getColumnVector(0).isNullAt(i)) {
                protocol = ActionReaders.protocol(b.getColumnVector(0), i, ab.path);
                TableFeatures.checkReadable(segment.tablePath, protocol);
              }
              if (metadata == null && !b.getColumnVector(1).isNullAt(i)) {
                metadata = ActionReaders.metadata(b.getColumnVector(1), i);
                metadataHasSchema = ActionReaders.hasSchemaString(b.getColumnVector(1), i);
              }
            }
          }
        }
      }
    }
    if (protocol == null || metadata == null) {
      throw Errors.missingProtocolOrMetadata(
          segment.tablePath, segment.version, protocol == null, metadata == null);
    }
    if (!metadataHasSchema) {
      throw Errors.missingSchema(segment.tablePath, segment.version);
    }
    return new ProtocolAndMetadata(protocol, metadata, Optional.empty(), ict);
  }

  /**
   * The protocol and metadata of a segment that extends an older snapshot's: from the new version's
   * checksum file when valid; as {@link #load} when a checkpoint newer than the older version is in
   * the segment; else from the commits after the older version, newest first, and what they do not
   * change is the older snapshot's.
   *
   * @param newCommits the commit files after the older version, ascending
   */
  public static ProtocolAndMetadata loadAfter(
      Engine engine, LogSegment segment, List<FileStatus> newCommits, ProtocolAndMetadata older) {
    if (segment.checksum.isPresent()
        || segment.checkpointVersion >= FileNames.parse(newCommits.get(0).getName()).version) {
      // a checksum file answers directly; a checkpoint written since is the truth for its version
      // (it may disagree with the commits it covers), so the segment is read as a whole
      return load(engine, segment);
    }
    Found found = new Found();
    try (CloseableIterator<LogFiles.ActionBatch> it =
        LogFiles.commitsOneByOne(engine, newCommits, COMMIT_SCHEMA)) {
      found.scanCommits(segment.tablePath, it, segment.version);
    }
    if (!found.metadataHasSchema) {
      throw Errors.missingSchema(segment.tablePath, segment.version);
    }
    return new ProtocolAndMetadata(
        found.protocol != null ? found.protocol : older.protocol,
        found.metadata != null ? found.metadata : older.metadata,
        Optional.empty(),
        found.ict);
  }

  /** What a newest-first pass over commit files found. */
  private static final class Found {
    Protocol protocol;
    Metadata metadata;
    boolean metadataHasSchema = true;
    Optional<Long> ict = Optional.empty();

    /**
     * Reads until both protocol and metadata are found; the ICT comes from the commit of version
     * {@code newest}.
     */
    void scanCommits(String tablePath, CloseableIterator<LogFiles.ActionBatch> it, long newest) {
      while ((protocol == null || metadata == null) && it.hasNext()) {
        try (LogFiles.ActionBatch ab = it.next()) {
          ColumnarBatch b = ab.batch;
          ColumnVector p = b.getColumnVector(0);
          ColumnVector m = b.getColumnVector(1);
          ColumnVector ci = b.getSchema().length() > 2 ? b.getColumnVector(2) : null;
          for (int i = 0; i < b.getSize(); i++) {
            if (protocol == null && !p.isNullAt(i)) {
              protocol = ActionReaders.protocol(p, i, ab.path);
              TableFeatures.checkReadable(tablePath, protocol);
            }
            if (metadata == null && !m.isNullAt(i)) {
              metadata = ActionReaders.metadata(m, i);
              metadataHasSchema = ActionReaders.hasSchemaString(m, i);
            }
            if (ci != null
                && ab.version == newest
                && ict.isEmpty()
                && !ci.isNullAt(i)
                && !ci.getChild(1).isNullAt(i)) {
              ict = Optional.of(ci.getChild(1).getLong(i));
            }
          }
        }
      }
    }
  }

  static boolean isIctEnabled(Metadata m) {
    return TableProperties.of(m.getConfiguration())
        .isTrue(TableProperties.ENABLE_IN_COMMIT_TIMESTAMPS);
  }

  private static Optional<Long> readLatestInCommitTimestamp(Engine engine, LogSegment segment) {
    if (segment.lastDelta().isEmpty()) {
      return Optional.empty();
    }
    StructType schema = ActionSchemas.of(ActionSchemas.COMMIT_INFO_FIELD);
    try (CloseableIterator<dev.keel.kernel.engine.FileReadResult> it =
        LogFiles.read(engine, segment.lastDelta().get(), schema)) {
      while (it.hasNext()) {
        try (dev.keel.kernel.engine.FileReadResult r = it.next()) {
          ColumnVector ci = r.getData().getColumnVector(0);
          for (int i = 0; i < r.getData().getSize(); i++) {
            if (!ci.isNullAt(i) && !ci.getChild(1).isNullAt(i)) {
              return Optional.of(ci.getChild(1).getLong(i));
            }
          }
        }
      }
    }
    return Optional.empty();
  }
}
