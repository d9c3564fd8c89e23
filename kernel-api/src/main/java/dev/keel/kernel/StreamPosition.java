package dev.keel.kernel;

import dev.keel.kernel.annotations.Evolving;
import dev.keel.kernel.exceptions.KernelException;
import dev.keel.kernel.internal.util.Json;
import java.util.Map;
import java.util.Objects;

/**
 * Where a {@link FileStream} stands: in the files of the snapshot it started from, or in the
 * commits after it, with how many files of that version were already handed out. One small value to
 * keep in a Flink checkpoint or beside a Kafka-style offset: {@link #toJson()} and {@link
 * #fromJson} round-trip it.
 */
@Evolving
public final class StreamPosition {
  private final long version;
  private final long index;
  private final boolean inSnapshot;

  private StreamPosition(long version, long index, boolean inSnapshot) {
    this.version = version;
    this.index = index;
    this.inSnapshot = inSnapshot;
  }

  /**
   * @param version a commit version, 0 or more
   * @return the position before the files that commit {@code version} added (nothing of the table
   *     before it is read)
   */
  public static StreamPosition atCommit(long version) {
    if (version < 0) {
      throw new IllegalArgumentException("version must be at least 0, got " + version);
    }
    return new StreamPosition(version, 0, false);
  }

  /**
   * @param version a version, 0 or more
   * @return the position before every live file of the snapshot at {@code version}, then the
   *     commits after it
   */
  public static StreamPosition atSnapshot(long version) {
    if (version < 0) {
      throw new IllegalArgumentException("version must be at least 0, got " + version);
    }
    return new StreamPosition(version, 0, true);
  }

  /**
   * @param version the version of the snapshot being read, or of the next commit
   * @param index how many files of that version were already handed out
   * @param inSnapshot whether the starting snapshot's files are being read
   * @return the position
   * @throws IllegalArgumentException if the version or index is negative
   */
  public static StreamPosition of(long version, long index, boolean inSnapshot) {
    if (version < 0 || index < 0) {
      throw new IllegalArgumentException(
          "version and index must be at least 0, got " + version + " and " + index);
    }
    return new StreamPosition(version, index, inSnapshot);
  }

  /**
   * @return the version: of the snapshot being read, or of the next commit to read
   */
  public long getVersion() {
    return version;
  }

  /**
   * @return how many files of that version were already handed out
   */
  public long getIndex() {
    return index;
  }

  /**
   * @return true while the files of the starting snapshot are being read
   */
  public boolean isInSnapshot() {
    return inSnapshot;
  }

  /**
   * @return this position as a small JSON object
   */
  public String toJson() {
    return "{\"version\":"
        + version
        + ",\"index\":"
        + index
        + ",\"inSnapshot\":"
        + inSnapshot
        + "}";
  }

  /**
   * @param json what {@link #toJson()} wrote
   * @return the position
   * @throws KernelException if the text is not a stream position
   */
  public static StreamPosition fromJson(String json) {
    try {
      Map<?, ?> m = (Map<?, ?>) Json.parse(json);
      long version = (Long) m.get("version");
      long index = (Long) m.get("index");
      if (version < 0 || index < 0) {
        throw new IllegalArgumentException("negative version or index");
      }
      return new StreamPosition(version, index, (Boolean) m.get("inSnapshot"));
    } catch (RuntimeException e) {
      throw new KernelException(
          "Cannot read a stream position from `"
              + json
              + "`: it was not written by StreamPosition.toJson ("
              + e
              + ").",
          e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StreamPosition
        && ((StreamPosition) o).version == version
        && ((StreamPosition) o).index == index
        && ((StreamPosition) o).inSnapshot == inSnapshot;
  }

  @Override
  public int hashCode() {
    return Objects.hash(version, index, inSnapshot);
  }

  @Override
  public String toString() {
    return toJson();
  }
}
