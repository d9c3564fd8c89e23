package dev.keel.connectors.cli;

import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.defaults.canonical.CanonicalJson;
import dev.keel.kernel.expressions.Expression;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Column selection for {@code cat}: dotted names project struct fields. */
final class Projection {
  private Projection() {}

  static StructType of(StructType schema, List<String> columns) {
    StructType out = StructType.empty();
    for (String c : columns) {
      out = merge(out, path(schema, List.of(c.trim().split("\\."))));
    }
    return out;
  }

  private static StructType path(StructType schema, List<String> names) {
    int i = schema.indexOf(names.get(0));
    if (i < 0) {
      throw new UsageError(
          "Unknown column '"
              + String.join(".", names)
              + "'. Columns: "
              + schema.fieldNames()
              + ".");
    }
    StructField f = schema.at(i);
    if (names.size() == 1) {
      return new StructType(List.of(f));
    }
    if (!(f.getDataType() instanceof StructType)) {
      throw new UsageError(
          "Column '"
              + f.getName()
              + "' is not a struct; '"
              + String.join(".", names)
              + "' does not exist.");
    }
    return new StructType(
        List.of(
            f.withDataType(path((StructType) f.getDataType(), names.subList(1, names.size())))));
  }

  private static StructType merge(StructType a, StructType b) {
    List<StructField> fields = new ArrayList<>(a.getFields());
    for (StructField f : b.getFields()) {
      int i = a.indexOf(f.getName());
      if (i < 0) {
        fields.add(f);
      } else if (f.getDataType() instanceof StructType
          && a.at(i).getDataType() instanceof StructType) {
        fields.set(
            i,
            f.withDataType(
                merge((StructType) a.at(i).getDataType(), (StructType) f.getDataType())));
      }
    }
    return new StructType(fields);
  }

  /** The output columns plus every top-level column the filter needs. */
  static StructType union(StructType output, StructType schema, Expression filter) {
    Set<String> needed = new LinkedHashSet<>();
    collect(filter, needed);
    StructType out = output;
    for (String n : needed) {
      if (out.indexOf(n) < 0 && schema.indexOf(n) >= 0) {
        out = out.add(schema.at(schema.indexOf(n)));
      } else if (out.indexOf(n) >= 0
          && !out.at(out.indexOf(n)).equals(schema.at(schema.indexOf(n)))) {
        List<StructField> fields = new ArrayList<>(out.getFields());
        fields.set(out.indexOf(n), schema.at(schema.indexOf(n)));
        out = new StructType(fields);
      }
    }
    return out;
  }

  private static void collect(Expression e, Set<String> out) {
    if (e instanceof dev.keel.kernel.expressions.Column) {
      out.add(((dev.keel.kernel.expressions.Column) e).getNames().get(0));
    }
    e.getChildren().forEach(c -> collect(c, out));
  }

  /** One output row in the canonical JSON form, with only the output columns. */
  static String jsonRow(StructType output, ColumnarBatch batch, StructType read, int row) {
    Map<String, String> fields = new TreeMap<>();
    for (StructField f : output.getFields()) {
      if (f.getDataType() instanceof dev.keel.kernel.types.VoidType) {
        continue;
      }
      DataType t = read.at(read.indexOf(f.getName())).getDataType();
      fields.put(
          f.getName(),
          CanonicalJson.value(batch.getColumnVector(read.indexOf(f.getName())), row, t));
    }
    StringBuilder sb = new StringBuilder("{");
    fields.forEach(
        (k, v) -> {
          if (sb.length() > 1) {
            sb.append(',');
          }
          CanonicalJson.string(sb, k);
          sb.append(':').append(v);
        });
    return sb.append('}').toString();
  }
}
