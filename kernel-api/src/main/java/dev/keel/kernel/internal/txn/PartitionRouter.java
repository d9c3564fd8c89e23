package dev.keel.kernel.internal.txn;

import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.exceptions.UnsupportedTypeException;
import dev.keel.kernel.expressions.Literal;
import dev.keel.kernel.internal.Errors;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.DecimalType;
import dev.keel.kernel.types.StructType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Splits batches of a table's full logical rows (partition columns included) into one group per
 * partition value: the partition values as literals, and a view of the group's rows over the data
 * columns.
 */
final class PartitionRouter {
  private PartitionRouter() {}

  /**
   * @param table the table, for messages
   * @param schema the table's logical schema, which {@code batch} must have
   * @param partitionColumns the table's partition columns
   * @param batch the rows; stays open (the views share its vectors)
   * @param group called once per partition value with its values and a view of its rows
   */
  static void route(
      String table,
      StructType schema,
      List<String> partitionColumns,
      ColumnarBatch batch,
      BiConsumer<Map<String, Literal>, ColumnarBatch> group) {
    if (!batch.getSchema().equivalent(schema)) {
      throw Errors.rowSchemaMismatch(batch.getSchema(), schema);
    }
    List<Integer> dataOrdinals = new ArrayList<>();
    int[] partitionOrdinals = new int[partitionColumns.size()];
    for (int i = 0; i < schema.length(); i++) {
      int p = partitionColumns.indexOf(schema.at(i).getName());
      if (p < 0) {
        dataOrdinals.add(i);
      } else {
        partitionOrdinals[p] = i;
      }
    }
    Map<List<Literal>, List<Integer>> rows = new LinkedHashMap<>();
    for (int r = 0; r < batch.getSize(); r++) {
      List<Literal> key = new ArrayList<>(partitionOrdinals.length);
      for (int ordinal : partitionOrdinals) {
        key.add(literal(table, batch.getColumnVector(ordinal), r, schema.at(ordinal).getName()));
      }
      rows.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
    }
    int[] data = dataOrdinals.stream().mapToInt(Integer::intValue).toArray();
    for (Map.Entry<List<Literal>, List<Integer>> e : rows.entrySet()) {
      Map<String, Literal> values = new LinkedHashMap<>();
      for (int p = 0; p < partitionColumns.size(); p++) {
        values.put(partitionColumns.get(p), e.getKey().get(p));
      }
      group.accept(
          values, batch.view(data, e.getValue().stream().mapToInt(Integer::intValue).toArray()));
    }
  }

  /** A partition column's value in one row, as a literal of its type. */
  static Literal literal(String table, ColumnVector v, int row, String column) {
    DataType t = v.getDataType();
    if (v.isNullAt(row)) {
      return Literal.ofNull(t);
    }
    if (t.equals(DataTypes.STRING)) {
      return Literal.ofString(v.getString(row));
    } else if (t.equals(DataTypes.LONG)) {
      return Literal.ofLong(v.getLong(row));
    } else if (t.equals(DataTypes.INTEGER)) {
      return Literal.ofInt(v.getInt(row));
    } else if (t.equals(DataTypes.SHORT)) {
      return Literal.ofShort(v.getShort(row));
    } else if (t.equals(DataTypes.BYTE)) {
      return Literal.ofByte(v.getByte(row));
    } else if (t.equals(DataTypes.BOOLEAN)) {
      return Literal.ofBoolean(v.getBoolean(row));
    } else if (t.equals(DataTypes.DATE)) {
      return Literal.ofDate(v.getInt(row));
    } else if (t.equals(DataTypes.TIMESTAMP)) {
      return Literal.ofTimestamp(v.getLong(row));
    } else if (t.equals(DataTypes.TIMESTAMP_NTZ)) {
      return Literal.ofTimestampNtz(v.getLong(row));
    } else if (t.equals(DataTypes.DOUBLE)) {
      return Literal.ofDouble(v.getDouble(row));
    } else if (t.equals(DataTypes.FLOAT)) {
      return Literal.ofFloat(v.getFloat(row));
    } else if (t instanceof DecimalType) {
      return Literal.ofDecimal(
          v.getDecimal(row), ((DecimalType) t).getPrecision(), ((DecimalType) t).getScale());
    } else if (t.equals(DataTypes.BINARY)) {
      return Literal.ofBinary(v.getBinary(row));
    }
    throw new UnsupportedTypeException(
        "Cannot write to `"
            + table
            + "`: its partition column `"
            + column
            + "` has type "
            + t
            + ", which Keel cannot write as a partition value.");
  }
}
