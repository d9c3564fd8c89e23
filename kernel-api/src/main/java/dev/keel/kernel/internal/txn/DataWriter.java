package dev.keel.kernel.internal.txn;

import dev.keel.kernel.AddFile;
import dev.keel.kernel.TableProperties;
import dev.keel.kernel.TransactionState;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.engine.DataFileStatistics;
import dev.keel.kernel.engine.DataFileStatus;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.expressions.Column;
import dev.keel.kernel.expressions.Literal;
import dev.keel.kernel.internal.Errors;
import dev.keel.kernel.internal.Values;
import dev.keel.kernel.internal.data.Batches;
import dev.keel.kernel.internal.scan.ColumnMapping;
import dev.keel.kernel.internal.types.StructPaths;
import dev.keel.kernel.internal.util.Json;
import dev.keel.kernel.types.ArrayType;
import dev.keel.kernel.types.ByteType;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.DateType;
import dev.keel.kernel.types.DecimalType;
import dev.keel.kernel.types.DoubleType;
import dev.keel.kernel.types.FloatType;
import dev.keel.kernel.types.IntegerType;
import dev.keel.kernel.types.LongType;
import dev.keel.kernel.types.MapType;
import dev.keel.kernel.types.ShortType;
import dev.keel.kernel.types.StringType;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.types.TimestampNTZType;
import dev.keel.kernel.types.TimestampType;
import dev.keel.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Writes one partition's logical data as Parquet data files and describes them as add actions. */
public final class DataWriter {
  private DataWriter() {}

  /** See {@code TransactionState.writeFiles}. */
  public static List<AddFile> write(
      Engine engine,
      TransactionState state,
      Map<String, Literal> partitionValues,
      CloseableIterator<ColumnarBatch> data) {
    return write(engine, state, partitionValues, data, List.of());
  }

  /**
   * Writes data whose batches carry, after the table's data columns, one column per field of {@code
   * trailing}, written under that field's (physical) name without statistics: the materialized row
   * tracking columns of rewritten rows ({@link RowIds#materializedColumns}).
   */
  static List<AddFile> write(
      Engine engine,
      TransactionState state,
      Map<String, Literal> partitionValues,
      CloseableIterator<ColumnarBatch> data,
      List<StructField> trailing) {
    List<String> partitionColumns = state.getPartitionColumns();
    for (String p : partitionColumns) {
      if (!partitionValues.containsKey(p)) {
        data.close();
        throw Errors.missingPartitionValue(p, partitionColumns);
      }
    }
    for (String given : partitionValues.keySet()) {
      if (!partitionColumns.contains(given)) {
        data.close();
        throw Errors.unknownPartitionColumn(given, partitionColumns);
      }
    }
    Layout layout;
    try {
      layout = Layout.of(state, partitionValues);
    } catch (RuntimeException e) {
      data.close();
      throw e;
    }
    ColumnMapping.Mode mode = ColumnMapping.mode(state.getProperties());
    Map<String, String> physicalPartitionValues = layout.physicalPartitionValues;
    String dir = layout.directory;
    StructType dataSchema = new StructType(layout.dataFields);
    StructType physicalSchema = ColumnMapping.toPhysical(dataSchema, mode);
    List<Column> statsColumns = statsColumns(physicalSchema, state.getProperties());
    List<StructField> fileFields = new ArrayList<>(physicalSchema.getFields());
    fileFields.addAll(trailing);
    StructType fileSchema = new StructType(fileFields);
    String directory = state.getTablePath() + (dir.isEmpty() ? "" : "/" + dir);
    CloseableIterator<ColumnarBatch> physical =
        data.map(
            b -> {
              validate(b, dataSchema, trailing.size());
              List<ColumnVector> columns = new ArrayList<>();
              for (int i = 0; i < b.getSchema().length(); i++) {
                columns.add(b.getColumnVector(i));
              }
              return (ColumnarBatch)
                  new Batches.VectorBatch(fileSchema, columns, b.getSize(), List.of(b));
            });
    // on tables with deletion vectors the stats say whether they still bound the live rows exactly
    Optional<Boolean> tightBounds =
        TableProperties.of(state.getProperties()).isTrue(TableProperties.ENABLE_DELETION_VECTORS)
            ? Optional.of(true)
            : Optional.empty();
    List<AddFile> out = new ArrayList<>();
    try (CloseableIterator<DataFileStatus> files =
        engine.getParquetHandler().writeParquetFiles(directory, physical, statsColumns)) {
      while (files.hasNext()) {
        DataFileStatus f = files.next();
        String relative =
            f.getPath().startsWith(state.getTablePath() + "/")
                ? f.getPath().substring(state.getTablePath().length() + 1)
                : f.getPath();
        out.add(
            AddFile.of(
                uriEncode(relative),
                physicalPartitionValues,
                f.getSize(),
                f.getModificationTime(),
                f.getStatistics().map(stats -> statsJson(stats, tightBounds))));
      }
    } catch (IOException e) {
      throw Errors.engineFailure("write data files under", directory, e);
    }
    return out;
  }

  /** Where the files of one partition go, and the partition values their actions carry. */
  private static final class Layout {
    final List<StructField> dataFields = new ArrayList<>();
    final Map<String, String> physicalPartitionValues = new LinkedHashMap<>();
    String directory; // Hive-style, relative to the table root; empty when unpartitioned

    static Layout of(TransactionState state, Map<String, Literal> partitionValues) {
      Layout out = new Layout();
      ColumnMapping.Mode mode = ColumnMapping.mode(state.getProperties());
      for (StructField f : state.getSchema().getFields()) {
        if (!state.getPartitionColumns().contains(f.getName())) {
          out.dataFields.add(f);
        }
      }
      // directories nest in the order the table lists its partition columns, as Spark's do
      StringBuilder dir = new StringBuilder();
      for (String column : state.getPartitionColumns()) {
        StructField f = state.getSchema().get(column).orElseThrow();
        Literal value = partitionValues.get(f.getName());
        if (!value.isNull() && !value.getDataType().equivalent(f.getDataType())) {
          throw Errors.partitionValueType(f.getName(), f.getDataType(), value);
        }
        if (value.isNull() && !f.isNullable()) {
          throw Errors.nullInNonNullableColumn(f.getName());
        }
        String serialized = PartitionValueWriter.serialize(value);
        String physical = ColumnMapping.physicalName(f, mode);
        out.physicalPartitionValues.put(physical, serialized);
        dir.append(dir.length() == 0 ? "" : "/")
            .append(PartitionValueWriter.escapePathName(physical))
            .append('=')
            .append(
                serialized == null
                    ? "__HIVE_DEFAULT_PARTITION__"
                    : PartitionValueWriter.escapePathName(serialized));
      }
      out.directory = dir.toString();
      return out;
    }
  }

  /** The column that says what a change data row is ({@code insert}, {@code delete}, ...). */
  static final String CHANGE_TYPE = "_change_type";

  /**
   * Writes change data files (PROTOCOL.md, "Change Data Files") under {@code _change_data}: the
   * given rows of the table's data columns (logical, partition columns left out) with {@code
   * _change_type} set to {@code changeType}, in the partition's directory.
   *
   * @return one {@code {"cdc":{...}}} action line per file written
   */
  static List<String> writeChangeData(
      Engine engine,
      TransactionState state,
      Map<String, Literal> partitionValues,
      List<ColumnarBatch> rows,
      String changeType) {
    Layout layout = Layout.of(state, partitionValues);
    StructType physical =
        ColumnMapping.toPhysical(
                new StructType(layout.dataFields), ColumnMapping.mode(state.getProperties()))
            .add(new StructField(CHANGE_TYPE, DataTypes.STRING, true));
    String directory =
        state.getTablePath()
            + "/_change_data"
            + (layout.directory.isEmpty() ? "" : "/" + layout.directory);
    CloseableIterator<ColumnarBatch> batches =
        CloseableIterator.of(rows)
            .map(
                b -> {
                  List<ColumnVector> columns = new ArrayList<>();
                  for (int i = 0; i < b.getSchema().length(); i++) {
                    columns.add(b.getColumnVector(i));
                  }
                  columns.add(
                      new dev.keel.kernel.internal.data.ConstantColumnVector(
                          Literal.ofString(changeType), b.getSize()));
                  return (ColumnarBatch)
                      new Batches.VectorBatch(physical, columns, b.getSize(), List.of(b));
                });
    List<String> out = new ArrayList<>();
    try (CloseableIterator<DataFileStatus> files =
        engine.getParquetHandler().writeParquetFiles(directory, batches, List.of())) {
      while (files.hasNext()) {
        DataFileStatus f = files.next();
        String relative = f.getPath().substring(state.getTablePath().length() + 1);
        Map<String, Object> cdc = new LinkedHashMap<>();
        cdc.put("path", uriEncode(relative));
        cdc.put(
            "partitionValues", new LinkedHashMap<String, Object>(layout.physicalPartitionValues));
        cdc.put("size", f.getSize());
        cdc.put("dataChange", false);
        out.add(Json.toJson(Map.of("cdc", cdc)));
      }
    } catch (IOException e) {
      throw Errors.engineFailure("write change data files under", directory, e);
    }
    return out;
  }

  private static String uriEncode(String relativePath) {
    try {
      return new URI(null, null, relativePath, null).getRawPath();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Checks the batch's leading columns against {@code expected}, followed by {@code trailing}. */
  private static void validate(ColumnarBatch batch, StructType expected, int trailing) {
    StructType actual = batch.getSchema();
    if (trailing > 0 && actual.length() == expected.length() + trailing) {
      actual = new StructType(actual.getFields().subList(0, expected.length()));
    }
    if (!actual.equivalent(expected)) {
      batch.close();
      throw Errors.schemaMismatch(actual, expected);
    }
    for (int i = 0; i < expected.length(); i++) {
      if (!expected.at(i).isNullable()) {
        ColumnVector v = batch.getColumnVector(i);
        for (int r = 0; r < batch.getSize(); r++) {
          if (v.isNullAt(r)) {
            batch.close();
            throw Errors.nullInNonNullableColumn(expected.at(i).getName());
          }
        }
      }
    }
  }

  /**
   * Leaf columns (through structs) of the first {@code delta.dataSkippingNumIndexedCols} columns.
   */
  static List<Column> statsColumns(StructType physical, Map<String, String> properties) {
    int limit = TableProperties.of(properties).getDataSkippingNumIndexedCols();
    List<Column> out = new ArrayList<>();
    collectLeaves(physical, new ArrayList<>(), out, limit < 0 ? Integer.MAX_VALUE : limit);
    return out;
  }

  /**
   * The struct form of the statistics Keel writes for a table ({@code stats_parsed} in
   * checkpoints): numRecords, then minValues and maxValues over the indexed leaf columns whose type
   * has an order, nullCount over every indexed leaf, tightBounds; physical names, partition columns
   * left out.
   */
  static StructType statsSchema(
      StructType logicalSchema, List<String> partitionColumns, Map<String, String> properties) {
    List<StructField> dataFields = new ArrayList<>();
    for (StructField f : logicalSchema.getFields()) {
      if (!partitionColumns.contains(f.getName())) {
        dataFields.add(f);
      }
    }
    StructType physical =
        ColumnMapping.toPhysical(new StructType(dataFields), ColumnMapping.mode(properties));
    StructType bounds = StructType.empty();
    StructType nulls = StructType.empty();
    for (Column c : statsColumns(physical, properties)) {
      List<String> path = c.getNames();
      DataType leaf = leafType(physical, path);
      if (hasOrder(leaf)) {
        bounds = StructPaths.withLeaf(bounds, path, leaf);
      }
      nulls = StructPaths.withLeaf(nulls, path, DataTypes.LONG);
    }
    return new StructType(
        List.of(
            new StructField("numRecords", DataTypes.LONG, true),
            new StructField("minValues", bounds, true),
            new StructField("maxValues", bounds, true),
            new StructField("nullCount", nulls, true),
            new StructField("tightBounds", DataTypes.BOOLEAN, true)));
  }

  private static boolean hasOrder(DataType t) {
    return t instanceof ByteType
        || t instanceof ShortType
        || t instanceof IntegerType
        || t instanceof LongType
        || t instanceof FloatType
        || t instanceof DoubleType
        || t instanceof DecimalType
        || t instanceof DateType
        || t instanceof TimestampType
        || t instanceof TimestampNTZType
        || t instanceof StringType;
  }

  private static DataType leafType(StructType s, List<String> path) {
    DataType t = s.get(path.get(0)).orElseThrow().getDataType();
    return path.size() == 1 ? t : leafType((StructType) t, path.subList(1, path.size()));
  }

  private static void collectLeaves(
      StructType s, List<String> prefix, List<Column> out, int limit) {
    for (StructField f : s.getFields()) {
      if (out.size() >= limit) {
        return;
      }
      List<String> path = new ArrayList<>(prefix);
      path.add(f.getName());
      DataType t = f.getDataType();
      if (t instanceof StructType) {
        collectLeaves((StructType) t, path, out, limit);
      } else if (!(t instanceof ArrayType) && !(t instanceof MapType)) {
        out.add(new Column(path));
      }
    }
  }

  /**
   * Delta's stats JSON: numRecords, minValues, maxValues, nullCount, nested by column path, and
   * tightBounds when given.
   */
  static String statsJson(DataFileStatistics s, Optional<Boolean> tightBounds) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("numRecords", s.getNumRecords());
    Map<String, Object> min = new LinkedHashMap<>();
    Map<String, Object> max = new LinkedHashMap<>();
    Map<String, Object> nulls = new LinkedHashMap<>();
    s.getMinValues()
        .forEach(
            (c, v) -> StatsValueWriter.value(v, true).ifPresent(x -> put(min, c.getNames(), x)));
    s.getMaxValues()
        .forEach(
            (c, v) -> StatsValueWriter.value(v, false).ifPresent(x -> put(max, c.getNames(), x)));
    s.getNullCounts().forEach((c, v) -> put(nulls, c.getNames(), v));
    root.put("minValues", min);
    root.put("maxValues", max);
    root.put("nullCount", nulls);
    tightBounds.ifPresent(t -> root.put("tightBounds", t));
    return Json.toJson(root);
  }

  @SuppressWarnings("unchecked")
  private static void put(Map<String, Object> m, List<String> path, Object value) {
    Map<String, Object> cur = m;
    for (int i = 0; i < path.size() - 1; i++) {
      cur =
          (Map<String, Object>)
              cur.computeIfAbsent(path.get(i), k -> new LinkedHashMap<String, Object>());
    }
    cur.put(path.get(path.size() - 1), value);
  }

  // ---- TransactionState JSON ----

  public static String toJson(TransactionState s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", 1L);
    m.put("tablePath", s.getTablePath());
    m.put("schema", s.getSchema().toJson());
    m.put("partitionColumns", new ArrayList<Object>(s.getPartitionColumns()));
    m.put("properties", new LinkedHashMap<String, Object>(s.getProperties()));
    return Json.toJson(m);
  }

  @SuppressWarnings("unchecked")
  public static TransactionState fromJson(String json) {
    try {
      Map<String, Object> m = (Map<String, Object>) Json.parse(json);
      List<String> partitions = new ArrayList<>();
      ((List<Object>) m.get("partitionColumns")).forEach(p -> partitions.add((String) p));
      Map<String, String> props = new LinkedHashMap<>();
      ((Map<String, Object>) m.get("properties")).forEach((k, v) -> props.put(k, (String) v));
      return Values.make()
          .transactionState(
              (String) m.get("tablePath"),
              StructType.fromJson((String) m.get("schema")),
              partitions,
              props);
    } catch (RuntimeException e) {
      throw new dev.keel.kernel.exceptions.KernelException(
          "Cannot read a transaction state from `"
              + json
              + "`: it was not written by TransactionState.toJson ("
              + e
              + ").",
          e);
    }
  }
}
