package dev.keel.kernel.internal.txn;

import dev.keel.kernel.Metadata;
import dev.keel.kernel.Protocol;
import dev.keel.kernel.TableProperties;
import dev.keel.kernel.internal.Errors;
import dev.keel.kernel.internal.Values;
import dev.keel.kernel.internal.scan.ColumnMapping;
import dev.keel.kernel.types.ArrayType;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.FieldMetadata;
import dev.keel.kernel.types.MapType;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.types.TimestampNTZType;
import dev.keel.kernel.types.VariantType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The protocol and metadata of a table being created, from its schema and properties. */
final class NewTable {
  final Protocol protocol;
  final Metadata metadata;

  private NewTable(Protocol protocol, Metadata metadata) {
    this.protocol = protocol;
    this.metadata = metadata;
  }

  static final Set<String> SUPPORTED_DELTA_PROPERTIES =
      Set.of(
          TableProperties.APPEND_ONLY,
          TableProperties.CHECKPOINT_INTERVAL,
          TableProperties.ENABLE_CHANGE_DATA_FEED,
          TableProperties.COLUMN_MAPPING_MODE,
          TableProperties.DATA_SKIPPING_NUM_INDEXED_COLS,
          TableProperties.LOG_RETENTION_DURATION,
          TableProperties.DELETED_FILE_RETENTION_DURATION,
          TableProperties.SET_TRANSACTION_RETENTION_DURATION,
          TableProperties.ENABLE_IN_COMMIT_TIMESTAMPS,
          TableProperties.CHECKPOINT_WRITE_STATS_AS_JSON,
          TableProperties.CHECKPOINT_WRITE_STATS_AS_STRUCT,
          TableProperties.ENABLE_DELETION_VECTORS,
          TableProperties.CHECKPOINT_POLICY,
          TableProperties.ENABLE_ROW_TRACKING,
          TableProperties.TARGET_FILE_SIZE);

  static NewTable create(
      String table,
      StructType schema,
      List<String> partitionColumns,
      Map<String, String> properties) {
    for (String p : partitionColumns) {
      int i = schema.indexOf(p);
      if (i < 0) {
        throw Errors.unknownPartitionColumn(p, schema.fieldNames());
      }
      if (schema.at(i).getDataType().isNested()) {
        throw Errors.unsupportedTableProperty(
            "partitionColumns", p, "a partition column must have a primitive type");
      }
    }
    TableProperties.validate(properties);
    for (Map.Entry<String, String> e : properties.entrySet()) {
      if (e.getKey().startsWith("delta.") && !SUPPORTED_DELTA_PROPERTIES.contains(e.getKey())) {
        throw Errors.unsupportedTableProperty(
            e.getKey(),
            e.getValue(),
            "Keel 0.1 cannot yet create tables with it. Supported: "
                + new java.util.TreeSet<>(SUPPORTED_DELTA_PROPERTIES));
      }
    }
    ColumnMapping.Mode mode = ColumnMapping.mode(properties);
    if (mode == ColumnMapping.Mode.ID) {
      throw Errors.unsupportedTableProperty(
          TableProperties.COLUMN_MAPPING_MODE,
          "id",
          "Keel 0.1 creates tables with column mapping mode name or none");
    }
    Map<String, String> config = new LinkedHashMap<>(properties);
    StructType finalSchema = schema;
    if (mode == ColumnMapping.Mode.NAME) {
      int[] nextId = {0};
      finalSchema = assignColumnMapping(schema, nextId);
      config.put(TableProperties.COLUMN_MAPPING_MAX_COLUMN_ID, Integer.toString(nextId[0]));
    }
    boolean cdf = TableProperties.of(properties).isTrue(TableProperties.ENABLE_CHANGE_DATA_FEED);
    boolean ict =
        TableProperties.of(properties).isTrue(TableProperties.ENABLE_IN_COMMIT_TIMESTAMPS);
    boolean dv = TableProperties.of(properties).isTrue(TableProperties.ENABLE_DELETION_VECTORS);
    String policy = properties.getOrDefault(TableProperties.CHECKPOINT_POLICY, "classic");
    if (!policy.equals("classic") && !policy.equals("v2")) {
      throw Errors.unsupportedTableProperty(
          TableProperties.CHECKPOINT_POLICY, policy, "it must be classic or v2");
    }
    boolean v2Checkpoint = policy.equals("v2");
    boolean rowTracking =
        TableProperties.of(properties).isTrue(TableProperties.ENABLE_ROW_TRACKING);
    if (rowTracking) {
      config.put(
          TableProperties.MATERIALIZED_ROW_ID_COLUMN_NAME, "_row-id-col-" + UUID.randomUUID());
      config.put(
          TableProperties.MATERIALIZED_ROW_COMMIT_VERSION_COLUMN_NAME,
          "_row-commit-version-col-" + UUID.randomUUID());
    }
    boolean ntz = contains(schema, TimestampNTZType.class);
    boolean variant = contains(schema, VariantType.class);
    Protocol protocol;
    if (ntz || variant || ict || dv || v2Checkpoint || rowTracking) {
      Set<String> reader = new LinkedHashSet<>();
      Set<String> writer = new LinkedHashSet<>(List.of("appendOnly", "invariants"));
      if (ntz) {
        reader.add("timestampNtz");
        writer.add("timestampNtz");
      }
      if (variant) {
        reader.add("variantType");
        writer.add("variantType");
      }
      if (dv) {
        reader.add("deletionVectors");
        writer.add("deletionVectors");
      }
      if (v2Checkpoint) {
        reader.add("v2Checkpoint");
        writer.add("v2Checkpoint");
      }
      if (mode == ColumnMapping.Mode.NAME) {
        reader.add("columnMapping");
        writer.add("columnMapping");
      }
      if (cdf) {
        writer.add("changeDataFeed");
      }
      if (ict) {
        writer.add("inCommitTimestamp");
      }
      if (rowTracking) {
        writer.add("rowTracking");
        writer.add("domainMetadata");
      }
      protocol =
          reader.isEmpty()
              ? Values.make().protocol(1, 7, Set.of(), writer)
              : Values.make().protocol(3, 7, reader, writer);
    } else {
      int writerVersion = mode == ColumnMapping.Mode.NAME ? 5 : cdf ? 4 : 2;
      protocol =
          Values.make()
              .protocol(mode == ColumnMapping.Mode.NAME ? 2 : 1, writerVersion, Set.of(), Set.of());
    }
    Metadata metadata =
        Values.make()
            .metadata(
                UUID.randomUUID().toString(),
                Optional.empty(),
                Optional.empty(),
                "parquet",
                Map.of(),
                finalSchema.toJson(),
                partitionColumns,
                config,
                Optional.of(System.currentTimeMillis()));
    return new NewTable(protocol, metadata);
  }

  /** Whether {@code t} is, or has somewhere inside it, a type of {@code kind}. */
  static boolean contains(DataType t, Class<?> kind) {
    if (kind.isInstance(t)) {
      return true;
    }
    if (t instanceof StructType) {
      for (StructField f : ((StructType) t).getFields()) {
        if (contains(f.getDataType(), kind)) {
          return true;
        }
      }
    } else if (t instanceof ArrayType) {
      return contains(((ArrayType) t).getElementType(), kind);
    } else if (t instanceof MapType) {
      return contains(((MapType) t).getKeyType(), kind)
          || contains(((MapType) t).getValueType(), kind);
    }
    return false;
  }

  static StructType assignColumnMapping(StructType s, int[] nextId) {
    List<StructField> out = new ArrayList<>();
    for (StructField f : s.getFields()) {
      int id = ++nextId[0];
      FieldMetadata md =
          f.getMetadata().toBuilder()
              .put(ColumnMapping.ID_KEY, (long) id)
              .put(ColumnMapping.PHYSICAL_NAME_KEY, "col-" + UUID.randomUUID())
              .build();
      out.add(
          new StructField(f.getName(), assignType(f.getDataType(), nextId), f.isNullable(), md));
    }
    return new StructType(out);
  }

  private static DataType assignType(DataType t, int[] nextId) {
    if (t instanceof StructType) {
      return assignColumnMapping((StructType) t, nextId);
    }
    if (t instanceof ArrayType) {
      return new ArrayType(
          assignType(((ArrayType) t).getElementType(), nextId), ((ArrayType) t).containsNull());
    }
    if (t instanceof MapType) {
      MapType m = (MapType) t;
      return new MapType(
          assignType(m.getKeyType(), nextId),
          assignType(m.getValueType(), nextId),
          m.isValueContainsNull());
    }
    return t;
  }
}
