package dev.keel.kernel.engine;

import static java.util.Objects.requireNonNull;

import dev.keel.kernel.annotations.Evolving;
import java.util.Optional;

/** A data file written by an engine, with its statistics when collected. */
@Evolving
public final class DataFileStatus {
  private final String path;
  private final long size;
  private final long modificationTime;
  private final Optional<DataFileStatistics> statistics;

  /**
   * @param path the fully qualified path
   * @param size the size in bytes
   * @param modificationTime epoch milliseconds
   * @param statistics the statistics, or empty
   */
  public DataFileStatus(
      String path, long size, long modificationTime, Optional<DataFileStatistics> statistics) {
    this.path = requireNonNull(path, "path is null");
    this.size = size;
    this.modificationTime = modificationTime;
    this.statistics = requireNonNull(statistics, "statistics is null");
  }

  /**
   * @return the fully qualified path
   */
  public String getPath() {
    return path;
  }

  /**
   * @return the size in bytes
   */
  public long getSize() {
    return size;
  }

  /**
   * @return the modification time, epoch milliseconds
   */
  public long getModificationTime() {
    return modificationTime;
  }

  /**
   * @return the statistics, if collected
   */
  public Optional<DataFileStatistics> getStatistics() {
    return statistics;
  }
}
