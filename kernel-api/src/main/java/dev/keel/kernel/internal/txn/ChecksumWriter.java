package dev.keel.kernel.internal.txn;

import dev.keel.kernel.Metadata;
import dev.keel.kernel.Protocol;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.exceptions.PathAlreadyExistsException;
import dev.keel.kernel.internal.log.FileNames;
import dev.keel.kernel.internal.util.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the version checksum file ({@code NNN.crc}, PROTOCOL.md "Version Checksum File") of a
 * commit: the table's size and file count after the commit, its protocol and metadata, and its
 * in-commit timestamp. The totals are computed from the previous version's totals plus this
 * commit's adds minus its removes, so the caller only writes one when it knows the previous totals
 * exactly (a new table, or a read version that had a valid checksum and no concurrent commit in
 * between). Optional fields ({@code setTransactions}, {@code domainMetadata}, {@code allFiles}) are
 * left out, which the protocol allows.
 */
final class ChecksumWriter {
  private ChecksumWriter() {}

  /**
   * Writes the file with put-if-absent (the protocol forbids overwriting one).
   *
   * @return whether the file was written; false when one already exists
   * @throws UncheckedIOException when the file system fails
   */
  static boolean write(
      Engine engine,
      String tablePath,
      long version,
      String txnId,
      long tableSizeBytes,
      long numFiles,
      Protocol protocol,
      Metadata metadata,
      Optional<Long> inCommitTimestamp) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("txnId", txnId);
    m.put("tableSizeBytes", tableSizeBytes);
    m.put("numFiles", numFiles);
    m.put("numMetadata", 1L);
    m.put("numProtocol", 1L);
    inCommitTimestamp.ifPresent(t -> m.put("inCommitTimestampOpt", t));
    m.put("metadata", ActionJson.metadataFields(metadata));
    m.put("protocol", ActionJson.protocolFields(protocol));
    String path = FileNames.checksumFile(FileNames.logDir(tablePath), version);
    try {
      engine
          .getFileSystemClient()
          .write(path, Json.toJson(m).getBytes(StandardCharsets.UTF_8), false);
      return true;
    } catch (PathAlreadyExistsException exists) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the version checksum file " + path, e);
    }
  }
}
