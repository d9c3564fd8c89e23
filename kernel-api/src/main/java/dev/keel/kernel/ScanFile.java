package dev.keel.kernel;

import static java.util.Objects.requireNonNull;

import dev.keel.kernel.annotations.Stable;
import dev.keel.kernel.data.Row;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.MapType;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import java.util.List;
import java.util.Optional;

/**
 * The row shape of a live data file, as {@link Snapshot#getFiles} returns it: the fields of the
 * log's {@code add} action. Read the fields of a row with the accessors here.
 */
@Stable
public final class ScanFile {
  private ScanFile() {}

  /** The deletion vector descriptor (PROTOCOL.md, "Deletion Vector Descriptor Schema"). */
  public static final StructType DELETION_VECTOR_SCHEMA =
      new StructType(
          List.of(
              new StructField("storageType", DataTypes.STRING, true),
              new StructField("pathOrInlineDv", DataTypes.STRING, true),
              new StructField("offset", DataTypes.INTEGER, true),
              new StructField("sizeInBytes", DataTypes.INTEGER, true),
              new StructField("cardinality", DataTypes.LONG, true),
              new StructField("maxRowIndex", DataTypes.LONG, true)));

  /**
   * The fields of a live file. {@code path} is the raw (URL-encoded, possibly relative) path of the
   * log.
   */
  public static final StructType SCHEMA =
      new StructType(
          List.of(
              new StructField("path", DataTypes.STRING, true),
              new StructField(
                  "partitionValues", new MapType(DataTypes.STRING, DataTypes.STRING, true), true),
              new StructField("size", DataTypes.LONG, true),
              new StructField("modificationTime", DataTypes.LONG, true),
              new StructField("dataChange", DataTypes.BOOLEAN, true),
              new StructField("stats", DataTypes.STRING, true),
              new StructField("tags", new MapType(DataTypes.STRING, DataTypes.STRING, true), true),
              new StructField("deletionVector", DELETION_VECTOR_SCHEMA, true),
              new StructField("baseRowId", DataTypes.LONG, true),
              new StructField("defaultRowCommitVersion", DataTypes.LONG, true),
              new StructField("clusteringProvider", DataTypes.STRING, true)));

  /**
   * The name of the column of typed statistics that scan file batches carry after {@link #SCHEMA}'s
   * columns when the scan asked for them ({@code ScanBuilder.withTypedStatistics}).
   */
  public static final String TYPED_STATISTICS = "typedStatistics";

  /** Ordinal of {@code path}. */
  public static final int PATH = 0;

  /** Ordinal of {@code partitionValues}. */
  public static final int PARTITION_VALUES = 1;

  /** Ordinal of {@code size}. */
  public static final int SIZE = 2;

  /** Ordinal of {@code modificationTime}. */
  public static final int MODIFICATION_TIME = 3;

  /** Ordinal of {@code stats}. */
  public static final int STATS = 5;

  /** Ordinal of {@code tags}. */
  public static final int TAGS = 6;

  /** Ordinal of {@code deletionVector}. */
  public static final int DELETION_VECTOR = 7;

  /** Ordinal of {@code baseRowId}. */
  public static final int BASE_ROW_ID = 8;

  /** Ordinal of {@code defaultRowCommitVersion}. */
  public static final int DEFAULT_ROW_COMMIT_VERSION = 9;

  /**
   * @param file a row of {@link #SCHEMA}
   * @return the raw path as the log holds it
   */
  public static String getPath(Row file) {
    return file.getString(PATH);
  }

  /**
   * @param file a row of {@link #SCHEMA}
   * @return the file size in bytes
   */
  public static long getSize(Row file) {
    return file.getLong(SIZE);
  }

  /**
   * @param file a row of {@link #SCHEMA}
   * @return the stats JSON, if recorded
   */
  public static Optional<String> getStats(Row file) {
    return file.isNullAt(STATS) ? Optional.empty() : Optional.of(file.getString(STATS));
  }

  /**
   * Resolves a file path as the log holds it ({@code add.path}, {@code remove.path}, {@code
   * cdc.path}: URL-encoded, relative to the table or an absolute URI) into the path the engine's
   * file system opens. For a server that hands files to others (Delta Sharing) or a tool that
   * copies them.
   *
   * @param tablePath the table's root, as {@link Snapshot#getTablePath()} gives it
   * @param rawPath the path as the log holds it
   * @return the absolute path ({@code file:/...} for local files)
   * @throws dev.keel.kernel.exceptions.InvalidTableException if the path is not a URI, or is a
   *     relative path whose {@code ..} segments lead out of the table's directory
   */
  public static String resolvePath(String tablePath, String rawPath) {
    return dev.keel.kernel.internal.scan.DataFilePaths.absolute(
        requireNonNull(tablePath, "tablePath is null"), requireNonNull(rawPath, "rawPath is null"));
  }

  /**
   * The file a deletion vector is stored in, for a reader that fetches it itself.
   *
   * @param tablePath the table's root, as {@link Snapshot#getTablePath()} gives it
   * @param deletionVector a row of {@link #DELETION_VECTOR_SCHEMA}
   * @return the absolute path of the deletion vector file ({@code storageType} {@code u}: under the
   *     table; {@code p}: the path the descriptor gives), or empty for an inline ({@code i})
   *     deletion vector
   * @throws dev.keel.kernel.exceptions.InvalidTableException if the descriptor is malformed (an id
   *     that is not 20 Z85 characters, a prefix that leads out of the table, an unknown storage
   *     type)
   */
  public static Optional<String> resolveDeletionVectorPath(String tablePath, Row deletionVector) {
    requireNonNull(tablePath, "tablePath is null");
    String storageType = deletionVector.isNullAt(0) ? null : deletionVector.getString(0);
    String pathOrInline = deletionVector.isNullAt(1) ? null : deletionVector.getString(1);
    if ("i".equals(storageType)) {
      return Optional.empty();
    }
    if (pathOrInline == null || !("u".equals(storageType) || "p".equals(storageType))) {
      throw dev.keel.kernel.internal.Errors.invalidDeletionVector(
          tablePath,
          "as `" + storageType + "`",
          new IllegalArgumentException(
              "the storage type must be `u`, `p` or `i` and the path or id must be present"));
    }
    try {
      String path =
          dev.keel.kernel.internal.deletionvectors.DeletionVectors.filePath(
              tablePath, storageType, pathOrInline);
      return Optional.of("p".equals(storageType) ? resolvePath(tablePath, path) : path);
    } catch (IllegalArgumentException e) {
      throw dev.keel.kernel.internal.Errors.invalidDeletionVector(
          tablePath, "as `" + storageType + "` `" + pathOrInline + "`", e);
    }
  }

  /**
   * Serializes a scan file for shipping to a worker.
   *
   * @param file a row of {@link #SCHEMA}
   * @return a JSON object of its fields (nulls left out)
   */
  public static String toJson(Row file) {
    return dev.keel.kernel.internal.scan.ScanFileCodec.toJson(file);
  }

  /**
   * @param json what {@link #toJson} wrote
   * @return the scan file as a row of {@link #SCHEMA}, for {@link ScanState#readFile}
   * @throws dev.keel.kernel.exceptions.KernelException if the JSON is not a scan file
   */
  public static Row fromJson(String json) {
    return dev.keel.kernel.internal.scan.ScanFileCodec.fromJson(json);
  }
}
