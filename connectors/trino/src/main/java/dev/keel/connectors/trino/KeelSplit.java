package dev.keel.connectors.trino;

import io.trino.spi.connector.ConnectorSplit;
import java.util.OptionalLong;

/**
 * Public only for Trino's JSON serialization between coordinator and workers; not an API.
 *
 * <p>One data file (or part of one) to read, planned by Keel on the coordinator and read on a
 * worker.
 *
 * @param scanState the scan's state ({@code ScanState.toJson}): schemas, table path, features
 * @param scanFile the file's scan row ({@code ScanFile.toJson}): path, partition values, deletion
 *     vector
 * @param path the file's path, for Trino's split info
 * @param size the file's size in bytes
 * @param start the first byte of the part of the file this split reads
 * @param length the length of that part (the whole file: {@code start} 0, {@code length} its size)
 * @param limit rows the query needs at most, if it said
 */
public record KeelSplit(
    String scanState,
    String scanFile,
    String path,
    long size,
    long start,
    long length,
    OptionalLong limit)
    implements ConnectorSplit {

  boolean isWholeFile() {
    return start == 0 && length >= size;
  }

  @Override
  public long getRetainedSizeInBytes() {
    return 64 + 2L * (scanState.length() + scanFile.length() + path.length());
  }
}
