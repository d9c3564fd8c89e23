package dev.keel.kernel.internal.scan;

import dev.keel.kernel.TableProperties;
import dev.keel.kernel.internal.Errors;
import dev.keel.kernel.types.ArrayType;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.FieldMetadata;
import dev.keel.kernel.types.MapType;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Column mapping (PROTOCOL.md, "Column Mapping"): the logical schema users see and the physical
 * schema of the data files. In {@code name} and {@code id} mode every field carries {@code
 * delta.columnMapping.physicalName}; in {@code id} mode the Parquet field id ({@code
 * delta.columnMapping.id}) is matched first. Tables upgraded to column mapping keep the old names
 * as physical names, so old files still match.
 */
public final class ColumnMapping {
  private ColumnMapping() {}

  public static final String MODE_KEY = TableProperties.COLUMN_MAPPING_MODE;
  public static final String PHYSICAL_NAME_KEY = "delta.columnMapping.physicalName";
  public static final String ID_KEY = "delta.columnMapping.id";

  /** The Parquet field id key the default Parquet handler matches on. */
  public static final String PARQUET_FIELD_ID_KEY = "parquet.field.id";

  /** The modes. */
  public enum Mode {
    NONE,
    NAME,
    ID
  }

  public static Mode mode(Map<String, String> configuration) {
    String m = configuration.getOrDefault(MODE_KEY, "none").toLowerCase(Locale.ROOT);
    switch (m) {
      case "name":
        return Mode.NAME;
      case "id":
        return Mode.ID;
      default:
        return Mode.NONE;
    }
  }

  public static String physicalName(StructField field, Mode mode) {
    return mode == Mode.NONE
        ? field.getName()
        : field.getMetadata().getString(PHYSICAL_NAME_KEY).orElse(field.getName());
  }

  /**
   * Resolves a user's read schema against the table schema: every field must exist (matched by
   * name, then ignoring case); the result takes the table's field metadata, so column mapping
   * metadata is present even when the caller built the schema by hand. Structs may be projected.
   */
  public static StructType resolveReadSchema(StructType requested, StructType table) {
    List<StructField> out = new ArrayList<>();
    for (StructField f : requested.getFields()) {
      if (RowTracking.roleKey(f) != null) {
        out.add(f);
        continue;
      }
      int i = table.indexOfIgnoreCase(f.getName());
      if (i < 0) {
        throw Errors.unknownReadColumn(f.getName(), table.fieldNames());
      }
      StructField t = table.at(i);
      DataType type = t.getDataType();
      if (f.getDataType() instanceof StructType && type instanceof StructType) {
        type = resolveReadSchema((StructType) f.getDataType(), (StructType) type);
      }
      out.add(new StructField(t.getName(), type, t.isNullable(), t.getMetadata()));
    }
    return new StructType(out);
  }

  /** The physical schema to read from data files for a logical schema. */
  public static StructType toPhysical(StructType logical, Mode mode) {
    List<StructField> out = new ArrayList<>();
    for (StructField f : logical.getFields()) {
      out.add(toPhysical(f, mode));
    }
    return new StructType(out);
  }

  private static StructField toPhysical(StructField f, Mode mode) {
    FieldMetadata.Builder md = FieldMetadata.builder();
    if (mode == Mode.ID) {
      f.getMetadata().getLong(ID_KEY).ifPresent(id -> md.put(PARQUET_FIELD_ID_KEY, id));
    }
    return new StructField(
        physicalName(f, mode), physicalType(f.getDataType(), mode), f.isNullable(), md.build());
  }

  private static DataType physicalType(DataType t, Mode mode) {
    if (t instanceof StructType) {
      return toPhysical((StructType) t, mode);
    }
    if (t instanceof ArrayType) {
      ArrayType a = (ArrayType) t;
      return new ArrayType(physicalType(a.getElementType(), mode), a.containsNull());
    }
    if (t instanceof MapType) {
      MapType m = (MapType) t;
      return new MapType(
          physicalType(m.getKeyType(), mode),
          physicalType(m.getValueType(), mode),
          m.isValueContainsNull());
    }
    return t;
  }
}
