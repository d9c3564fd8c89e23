package dev.keel.connectors.trino;

import io.trino.spi.connector.ConnectorSplit;
import java.util.OptionalLong;

/**
 * Public only for Trino's JSON serialization between coordinator and workers; not an API.
 *
 * <p>One data file to read, planned by Keel on the coordinator and read on a worker.
 *
 * @param scanState the scan's state ({@code ScanState.toJson}): schemas, table path, features
 * @param scanFile the file's scan row ({@code ScanFile.toJson}): path, partition values, deletion
 *     vector
 * @param path the file's path, for Trino's split info
 * @param size the file's size in bytes
 * @param limit rows the query needs at most, if it said
 */
public record KeelSplit(
    String scanState, String scanFile, String path, long size, OptionalLong limit)
    implements ConnectorSplit {

  @Override
  public long getRetainedSizeInBytes() {
    return 64 + 2L * (scanState.length() + scanFile.length() + path.length());
  }
}
