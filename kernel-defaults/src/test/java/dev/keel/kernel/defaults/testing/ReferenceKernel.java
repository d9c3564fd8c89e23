package dev.keel.kernel.defaults.testing;

import dev.keel.kernel.defaults.canonical.CanonicalJson;
import io.delta.kernel.Scan;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.Row;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.TimestampType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;

/**
 * Reads a table with the reference Delta Kernel Java (4.4.0, on the test class path) and renders
 * its rows in Keel's canonical form, so tests can check that others read what Keel wrote. {@link
 * #main} prints them one per line, for tests that must run it in another JVM (Trino's run on Java
 * 25, where Hadoop, which the reference needs, does not).
 */
public final class ReferenceKernel {
  private ReferenceKernel() {}

  /** Prints the rows of the table {@code args[0]} (its columns {@code args[1..]}, or all). */
  public static void main(String[] args) throws Exception {
    for (String row : rows(args[0], List.of(args).subList(1, args.length))) {
      System.out.println(row);
    }
  }

  /**
   * @return the table's rows as the reference kernel reads them, canonical, sorted
   */
  public static List<String> rows(String table) throws Exception {
    return rows(table, List.of());
  }

  /**
   * @param columns the columns to read, or empty for all
   */
  public static List<String> rows(String table, List<String> columns) throws Exception {
    io.delta.kernel.engine.Engine engine =
        io.delta.kernel.defaults.engine.DefaultEngine.create(new Configuration());
    io.delta.kernel.Snapshot snapshot =
        io.delta.kernel.Table.forPath(engine, table).getLatestSnapshot(engine);
    io.delta.kernel.types.StructType logical = snapshot.getSchema();
    if (!columns.isEmpty()) {
      io.delta.kernel.types.StructType projected = new io.delta.kernel.types.StructType();
      for (String c : columns) {
        projected = projected.add(logical.get(c));
      }
      logical = projected;
    }
    Scan scan = snapshot.getScanBuilder().withReadSchema(logical).build();
    Row state = scan.getScanState(engine);
    List<String> out = new ArrayList<>();
    try (io.delta.kernel.utils.CloseableIterator<io.delta.kernel.data.FilteredColumnarBatch> files =
        scan.getScanFiles(engine)) {
      while (files.hasNext()) {
        io.delta.kernel.data.FilteredColumnarBatch fb = files.next();
        try (io.delta.kernel.utils.CloseableIterator<Row> rows = fb.getRows()) {
          while (rows.hasNext()) {
            Row file = rows.next();
            io.delta.kernel.utils.CloseableIterator<io.delta.kernel.data.ColumnarBatch> physical =
                engine
                    .getParquetHandler()
                    .readParquetFiles(
                        Utils.singletonCloseableIterator(
                            InternalScanFileUtils.getAddFileStatus(file)),
                        ScanStateRow.getPhysicalDataReadSchema(state),
                        Optional.empty())
                    .map(io.delta.kernel.engine.FileReadResult::getData);
            try (io.delta.kernel.utils.CloseableIterator<io.delta.kernel.data.FilteredColumnarBatch>
                data = Scan.transformPhysicalData(engine, state, file, physical)) {
              while (data.hasNext()) {
                io.delta.kernel.data.FilteredColumnarBatch b = data.next();
                io.delta.kernel.data.ColumnarBatch batch = b.getData();
                for (int r = 0; r < batch.getSize(); r++) {
                  boolean selected = true;
                  if (b.getSelectionVector().isPresent()) {
                    ColumnVector sv = b.getSelectionVector().get();
                    selected = !sv.isNullAt(r) && sv.getBoolean(r);
                  }
                  if (!selected) {
                    continue;
                  }
                  TreeMap<String, String> fields = new TreeMap<>();
                  for (int c = 0; c < logical.length(); c++) {
                    fields.put(
                        logical.at(c).getName(),
                        render(batch.getColumnVector(c), r, logical.at(c).getDataType()));
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
                  out.add(sb.append('}').toString());
                }
              }
            }
          }
        }
      }
    }
    out.sort(null);
    return out;
  }

  /** The reference kernel's value in Keel's canonical form (the types of this test). */
  private static String render(ColumnVector v, int row, DataType t) {
    if (v.isNullAt(row)) {
      return "null";
    }
    StringBuilder sb = new StringBuilder();
    if (t instanceof LongType) {
      sb.append(v.getLong(row));
    } else if (t instanceof IntegerType) {
      sb.append(v.getInt(row));
    } else if (t instanceof BooleanType) {
      sb.append(v.getBoolean(row));
    } else if (t instanceof DoubleType) {
      sb.append(CanonicalJson.number(v.getDouble(row), false));
    } else if (t instanceof DecimalType) {
      CanonicalJson.string(sb, v.getDecimal(row).toPlainString());
    } else if (t instanceof StringType) {
      CanonicalJson.string(sb, v.getString(row));
    } else if (t instanceof DateType) {
      CanonicalJson.string(sb, LocalDate.ofEpochDay(v.getInt(row)).toString());
    } else if (t instanceof io.delta.kernel.types.ByteType) {
      sb.append(v.getByte(row));
    } else if (t instanceof io.delta.kernel.types.ShortType) {
      sb.append(v.getShort(row));
    } else if (t instanceof io.delta.kernel.types.FloatType) {
      sb.append(CanonicalJson.number(v.getFloat(row), true));
    } else if (t instanceof io.delta.kernel.types.BinaryType) {
      CanonicalJson.string(sb, java.util.Base64.getEncoder().encodeToString(v.getBinary(row)));
    } else if (t instanceof io.delta.kernel.types.TimestampNTZType) {
      long micros = v.getLong(row);
      java.time.LocalDateTime ldt =
          java.time.LocalDateTime.ofEpochSecond(
              Math.floorDiv(micros, 1_000_000L),
              (int) Math.floorMod(micros, 1_000_000L) * 1000,
              java.time.ZoneOffset.UTC);
      CanonicalJson.string(
          sb,
          java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS").format(ldt));
    } else if (t instanceof TimestampType) {
      long micros = v.getLong(row);
      java.time.LocalDateTime ldt =
          java.time.LocalDateTime.ofEpochSecond(
              Math.floorDiv(micros, 1_000_000L),
              (int) Math.floorMod(micros, 1_000_000L) * 1000,
              java.time.ZoneOffset.UTC);
      CanonicalJson.string(
          sb,
          java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS").format(ldt)
              + "Z");
    } else if (t instanceof io.delta.kernel.types.StructType) {
      io.delta.kernel.types.StructType st = (io.delta.kernel.types.StructType) t;
      TreeMap<String, String> fields = new TreeMap<>();
      for (int c = 0; c < st.length(); c++) {
        fields.put(st.at(c).getName(), render(v.getChild(c), row, st.at(c).getDataType()));
      }
      sb.append('{');
      fields.forEach(
          (k, x) -> {
            if (sb.length() > 1) {
              sb.append(',');
            }
            CanonicalJson.string(sb, k);
            sb.append(':').append(x);
          });
      sb.append('}');
    } else if (t instanceof ArrayType) {
      io.delta.kernel.data.ArrayValue a = v.getArray(row);
      sb.append('[');
      for (int k = 0; k < a.getSize(); k++) {
        sb.append(k > 0 ? "," : "")
            .append(render(a.getElements(), k, ((ArrayType) t).getElementType()));
      }
      sb.append(']');
    } else if (t instanceof MapType) {
      io.delta.kernel.data.MapValue m = v.getMap(row);
      List<String> pairs = new ArrayList<>();
      for (int k = 0; k < m.getSize(); k++) {
        pairs.add(
            "["
                + render(m.getKeys(), k, ((MapType) t).getKeyType())
                + ","
                + render(m.getValues(), k, ((MapType) t).getValueType())
                + "]");
      }
      pairs.sort(null);
      sb.append('[').append(String.join(",", pairs)).append(']');
    } else {
      throw new AssertionError("unexpected type " + t);
    }
    return sb.toString();
  }
}
