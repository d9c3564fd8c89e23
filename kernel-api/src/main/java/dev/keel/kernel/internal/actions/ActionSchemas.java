package dev.keel.kernel.internal.actions;

import dev.keel.kernel.ScanFile;
import dev.keel.kernel.types.ArrayType;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.MapType;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import java.util.ArrayList;
import java.util.List;

/**
 * The schemas of the log's actions, as read from commit files and checkpoints (PROTOCOL.md,
 * "Actions").
 */
public final class ActionSchemas {
  private ActionSchemas() {}

  private static final MapType STRING_MAP = new MapType(DataTypes.STRING, DataTypes.STRING, true);
  private static final ArrayType STRING_ARRAY = new ArrayType(DataTypes.STRING, true);

  public static final StructType PROTOCOL =
      new StructType(
          List.of(
              new StructField("minReaderVersion", DataTypes.INTEGER, true),
              new StructField("minWriterVersion", DataTypes.INTEGER, true),
              new StructField("readerFeatures", STRING_ARRAY, true),
              new StructField("writerFeatures", STRING_ARRAY, true)));

  public static final StructType FORMAT =
      new StructType(
          List.of(
              new StructField("provider", DataTypes.STRING, true),
              new StructField("options", STRING_MAP, true)));

  public static final StructType METADATA =
      new StructType(
          List.of(
              new StructField("id", DataTypes.STRING, true),
              new StructField("name", DataTypes.STRING, true),
              new StructField("description", DataTypes.STRING, true),
              new StructField("format", FORMAT, true),
              new StructField("schemaString", DataTypes.STRING, true),
              new StructField("partitionColumns", STRING_ARRAY, true),
              new StructField("configuration", STRING_MAP, true),
              new StructField("createdTime", DataTypes.LONG, true)));

  public static final StructType ADD = ScanFile.SCHEMA;

  public static final StructType REMOVE =
      new StructType(
          List.of(
              new StructField("path", DataTypes.STRING, true),
              new StructField("deletionTimestamp", DataTypes.LONG, true),
              new StructField("dataChange", DataTypes.BOOLEAN, true),
              new StructField("deletionVector", ScanFile.DELETION_VECTOR_SCHEMA, true)));

  /**
   * A remove action with every field a checkpoint keeps for a tombstone (PROTOCOL.md, "Remove File"
   * and "Checkpoint Schema"); {@link #REMOVE} is the subset replay needs.
   */
  public static final StructType TOMBSTONE =
      new StructType(
          List.of(
              new StructField("path", DataTypes.STRING, true),
              new StructField("deletionTimestamp", DataTypes.LONG, true),
              new StructField("dataChange", DataTypes.BOOLEAN, true),
              new StructField("extendedFileMetadata", DataTypes.BOOLEAN, true),
              new StructField("partitionValues", STRING_MAP, true),
              new StructField("size", DataTypes.LONG, true),
              new StructField("deletionVector", ScanFile.DELETION_VECTOR_SCHEMA, true),
              new StructField("baseRowId", DataTypes.LONG, true),
              new StructField("defaultRowCommitVersion", DataTypes.LONG, true)));

  /** A {@code cdc} action (PROTOCOL.md, "Add CDC File"). */
  public static final StructType CDC =
      new StructType(
          List.of(
              new StructField("path", DataTypes.STRING, true),
              new StructField("partitionValues", STRING_MAP, true),
              new StructField("size", DataTypes.LONG, true),
              new StructField("dataChange", DataTypes.BOOLEAN, true),
              new StructField("tags", STRING_MAP, true)));

  public static final StructType TXN =
      new StructType(
          List.of(
              new StructField("appId", DataTypes.STRING, true),
              new StructField("version", DataTypes.LONG, true),
              new StructField("lastUpdated", DataTypes.LONG, true)));

  public static final StructType DOMAIN_METADATA =
      new StructType(
          List.of(
              new StructField("domain", DataTypes.STRING, true),
              new StructField("configuration", DataTypes.STRING, true),
              new StructField("removed", DataTypes.BOOLEAN, true)));

  public static final StructType COMMIT_INFO =
      new StructType(
          List.of(
              new StructField("timestamp", DataTypes.LONG, true),
              new StructField("inCommitTimestamp", DataTypes.LONG, true),
              new StructField("operation", DataTypes.STRING, true),
              new StructField("operationParameters", STRING_MAP, true),
              new StructField("engineInfo", DataTypes.STRING, true),
              new StructField("isBlindAppend", DataTypes.BOOLEAN, true)));

  public static final StructType SIDECAR =
      new StructType(
          List.of(
              new StructField("path", DataTypes.STRING, true),
              new StructField("sizeInBytes", DataTypes.LONG, true),
              new StructField("modificationTime", DataTypes.LONG, true)));

  public static final StructType CHECKPOINT_METADATA =
      new StructType(
          List.of(
              new StructField("version", DataTypes.LONG, true),
              new StructField("tags", STRING_MAP, true)));

  /** The names of the top-level action fields, for building projections. */
  public static final String PROTOCOL_FIELD = "protocol";

  public static final String METADATA_FIELD = "metaData";
  public static final String ADD_FIELD = "add";
  public static final String REMOVE_FIELD = "remove";
  public static final String TXN_FIELD = "txn";
  public static final String CDC_FIELD = "cdc";
  public static final String DOMAIN_METADATA_FIELD = "domainMetadata";
  public static final String COMMIT_INFO_FIELD = "commitInfo";
  public static final String SIDECAR_FIELD = "sidecar";
  public static final String CHECKPOINT_METADATA_FIELD = "checkpointMetadata";

  /** A schema of some top-level actions, each a nullable struct field. */
  public static StructType of(String... names) {
    List<StructField> fields = new ArrayList<>();
    for (String n : names) {
      fields.add(new StructField(n, schemaOf(n), true));
    }
    return new StructType(fields);
  }

  private static StructType schemaOf(String name) {
    switch (name) {
      case PROTOCOL_FIELD:
        return PROTOCOL;
      case METADATA_FIELD:
        return METADATA;
      case ADD_FIELD:
        return ADD;
      case REMOVE_FIELD:
        return REMOVE;
      case TXN_FIELD:
        return TXN;
      case CDC_FIELD:
        return CDC;
      case DOMAIN_METADATA_FIELD:
        return DOMAIN_METADATA;
      case COMMIT_INFO_FIELD:
        return COMMIT_INFO;
      case SIDECAR_FIELD:
        return SIDECAR;
      case CHECKPOINT_METADATA_FIELD:
        return CHECKPOINT_METADATA;
      default:
        throw new IllegalArgumentException("unknown action " + name);
    }
  }
}
