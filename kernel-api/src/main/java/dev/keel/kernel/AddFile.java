package dev.keel.kernel;

import static java.util.Objects.requireNonNull;

import dev.keel.kernel.annotations.Evolving;
import dev.keel.kernel.exceptions.KernelException;
import dev.keel.kernel.internal.util.Json;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A data file written for a transaction, to be committed as an {@code add} action. Workers create
 * them with {@link TransactionState#writeFiles}; they serialize with {@link #toJson()} so a
 * coordinator can collect them and commit with {@link Transaction#addFiles}.
 */
@Evolving
public final class AddFile {
  private final String path;
  private final Map<String, String> partitionValues;
  private final long size;
  private final long modificationTime;
  private final Optional<String> stats;

  /**
   * Describes a data file an engine wrote with its own writer, to commit with {@link
   * Transaction#addFiles}. Files written through {@link TransactionState#writeFiles} come described
   * already.
   *
   * @param path the path relative to the table root, URL-encoded
   * @param partitionValues partition values by physical column name, serialized as the protocol
   *     says
   * @param size the file size in bytes
   * @param modificationTime epoch milliseconds
   * @param stats the statistics JSON ({@code numRecords}, {@code minValues}, {@code maxValues},
   *     {@code nullCount}), if collected
   * @return the file
   * @throws NullPointerException if an argument is null
   */
  public static AddFile of(
      String path,
      Map<String, String> partitionValues,
      long size,
      long modificationTime,
      Optional<String> stats) {
    return new AddFile(path, partitionValues, size, modificationTime, stats);
  }

  private AddFile(
      String path,
      Map<String, String> partitionValues,
      long size,
      long modificationTime,
      Optional<String> stats) {
    this.path = requireNonNull(path, "path is null");
    this.partitionValues =
        Collections.unmodifiableMap(
            new LinkedHashMap<>(requireNonNull(partitionValues, "partitionValues is null")));
    this.size = size;
    this.modificationTime = modificationTime;
    this.stats = requireNonNull(stats, "stats is null");
  }

  /**
   * @return the path relative to the table root, URL-encoded
   */
  public String getPath() {
    return path;
  }

  /**
   * The path an engine's file system opens: the table's path joined with the decoded relative path
   * (or the absolute path the log holds), as readers resolve it.
   *
   * @param tablePath the table's root, as the engine's file system client resolved it
   * @return the file's full path
   * @throws dev.keel.kernel.exceptions.InvalidTableException if the path is malformed or climbs out
   *     of the table with {@code ..}
   */
  public String getAbsolutePath(String tablePath) {
    return dev.keel.kernel.internal.scan.DataFilePaths.absolute(tablePath, path);
  }

  /**
   * @return partition values by physical column name
   */
  public Map<String, String> getPartitionValues() {
    return partitionValues;
  }

  /**
   * @return the size in bytes
   */
  public long getSize() {
    return size;
  }

  /**
   * @return the modification time in epoch milliseconds
   */
  public long getModificationTime() {
    return modificationTime;
  }

  /**
   * @return the statistics JSON, if collected
   */
  public Optional<String> getStats() {
    return stats;
  }

  /**
   * @return the {@code add} action as the log writes it (one JSON object, without the envelope)
   */
  public String toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", path);
    m.put("partitionValues", new LinkedHashMap<String, Object>(partitionValues));
    m.put("size", size);
    m.put("modificationTime", modificationTime);
    m.put("dataChange", true);
    stats.ifPresent(s -> m.put("stats", s));
    return Json.toJson(m);
  }

  /**
   * @param json what {@link #toJson()} wrote
   * @return the add file
   * @throws KernelException if the JSON is not an add action
   */
  @SuppressWarnings("unchecked")
  public static AddFile fromJson(String json) {
    try {
      Map<String, Object> m = (Map<String, Object>) Json.parse(json);
      Map<String, String> pv = new LinkedHashMap<>();
      ((Map<String, Object>) m.get("partitionValues")).forEach((k, v) -> pv.put(k, (String) v));
      return new AddFile(
          (String) m.get("path"),
          pv,
          (Long) m.get("size"),
          (Long) m.get("modificationTime"),
          Optional.ofNullable((String) m.get("stats")));
    } catch (RuntimeException e) {
      throw new KernelException(
          "Cannot read an add file from `"
              + json
              + "`: it was not written by AddFile.toJson ("
              + e
              + ").",
          e);
    }
  }

  @Override
  public String toString() {
    return "AddFile{" + path + ", " + size + " bytes}";
  }
}
