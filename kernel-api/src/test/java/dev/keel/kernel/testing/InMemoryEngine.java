package dev.keel.kernel.testing;

import dev.keel.kernel.data.ArrayValue;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.data.MapValue;
import dev.keel.kernel.data.Row;
import dev.keel.kernel.engine.DataFileStatus;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.engine.ExpressionEvaluator;
import dev.keel.kernel.engine.ExpressionHandler;
import dev.keel.kernel.engine.FileReadResult;
import dev.keel.kernel.engine.FileSystemClient;
import dev.keel.kernel.engine.JsonHandler;
import dev.keel.kernel.engine.ParquetHandler;
import dev.keel.kernel.engine.PredicateEvaluator;
import dev.keel.kernel.exceptions.MalformedDataException;
import dev.keel.kernel.exceptions.PathAlreadyExistsException;
import dev.keel.kernel.expressions.Column;
import dev.keel.kernel.expressions.Expression;
import dev.keel.kernel.expressions.Predicate;
import dev.keel.kernel.internal.data.Batches;
import dev.keel.kernel.internal.util.Json;
import dev.keel.kernel.types.ArrayType;
import dev.keel.kernel.types.BinaryType;
import dev.keel.kernel.types.BooleanType;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.DecimalType;
import dev.keel.kernel.types.DoubleType;
import dev.keel.kernel.types.FloatType;
import dev.keel.kernel.types.MapType;
import dev.keel.kernel.types.StringType;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import dev.keel.kernel.utils.FileStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link Engine} that needs neither Arrow nor Parquet, for testing the kernel (and an engine
 * author's code) in memory: files live in an {@link InMemoryFileSystemClient}; JSON is parsed with
 * the kernel's own small parser into {@link TreeVector} batches; a "Parquet" file is a marker in
 * the file system whose rows are kept here as trees, written and read back by column name;
 * predicates are interpreted row by row with SQL's three-valued logic. Reads happen on the caller's
 * thread (no executor). Writing Parquet data files is not supported: tests describe data files with
 * {@code AddFile.of} instead.
 */
public final class InMemoryEngine implements Engine {
  private final InMemoryFileSystemClient fs;
  private final Map<String, List<Map<String, Object>>> parquetRows = new ConcurrentHashMap<>();
  private final JsonHandler json = new JsonLines();
  private final ParquetHandler parquet = new Parquet();
  private final ExpressionHandler expressions = new Expressions();

  public InMemoryEngine() {
    this(new InMemoryFileSystemClient());
  }

  public InMemoryEngine(InMemoryFileSystemClient fs) {
    this.fs = fs;
  }

  /**
   * @return the file system, to put log files in and count reads
   */
  public InMemoryFileSystemClient files() {
    return fs;
  }

  @Override
  public FileSystemClient getFileSystemClient() {
    return fs;
  }

  @Override
  public JsonHandler getJsonHandler() {
    return json;
  }

  @Override
  public ParquetHandler getParquetHandler() {
    return parquet;
  }

  @Override
  public ExpressionHandler getExpressionHandler() {
    return expressions;
  }

  /** A batch of trees (maps by field name) of a schema. */
  static ColumnarBatch batch(StructType schema, List<Map<String, Object>> rows) {
    List<ColumnVector> columns = new ArrayList<>();
    for (int c = 0; c < schema.length(); c++) {
      String name = schema.at(c).getName();
      Object[] values = new Object[rows.size()];
      for (int r = 0; r < rows.size(); r++) {
        values[r] = rows.get(r) == null ? null : rows.get(r).get(name);
      }
      columns.add(new TreeVector(schema.at(c).getDataType(), values));
    }
    return new Batches.VectorBatch(schema, columns, rows.size(), List.of());
  }

  /** A row of a batch as a tree, nulls left out. */
  static Map<String, Object> tree(Row row) {
    Map<String, Object> m = new LinkedHashMap<>();
    StructType schema = row.getSchema();
    for (int i = 0; i < schema.length(); i++) {
      if (!row.isNullAt(i)) {
        m.put(schema.at(i).getName(), value(row, i, schema.at(i).getDataType()));
      }
    }
    return m;
  }

  private static Object value(Row row, int i, DataType t) {
    if (t instanceof StructType) {
      return tree(row.getStruct(i));
    }
    if (t instanceof MapType) {
      return mapTree(row.getMap(i), (MapType) t);
    }
    if (t instanceof ArrayType) {
      return arrayTree(row.getArray(i), (ArrayType) t);
    }
    return primitive(new RowColumn(row, i, t), 0, t);
  }

  private static Object element(ColumnVector v, int i, DataType t) {
    if (v.isNullAt(i)) {
      return null;
    }
    if (t instanceof StructType) {
      Map<String, Object> m = new LinkedHashMap<>();
      StructType s = (StructType) t;
      for (int c = 0; c < s.length(); c++) {
        ColumnVector child = v.getChild(c);
        if (!child.isNullAt(i)) {
          m.put(s.at(c).getName(), element(child, i, s.at(c).getDataType()));
        }
      }
      return m;
    }
    if (t instanceof MapType) {
      return mapTree(v.getMap(i), (MapType) t);
    }
    if (t instanceof ArrayType) {
      return arrayTree(v.getArray(i), (ArrayType) t);
    }
    return primitive(v, i, t);
  }

  private static Map<String, Object> mapTree(MapValue m, MapType t) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int j = 0; j < m.getSize(); j++) {
      out.put(m.getKeys().getString(j), element(m.getValues(), j, t.getValueType()));
    }
    return out;
  }

  private static List<Object> arrayTree(ArrayValue a, ArrayType t) {
    List<Object> out = new ArrayList<>();
    for (int j = 0; j < a.getSize(); j++) {
      out.add(element(a.getElements(), j, t.getElementType()));
    }
    return out;
  }

  private static Object primitive(ColumnVector v, int i, DataType t) {
    if (t instanceof StringType) {
      return v.getString(i);
    } else if (t instanceof BooleanType) {
      return v.getBoolean(i);
    } else if (t instanceof DoubleType || t instanceof FloatType) {
      return v.getDouble(i);
    } else if (t instanceof DecimalType) {
      return v.getDecimal(i);
    } else if (t instanceof BinaryType) {
      return Base64.getEncoder().encodeToString(v.getBinary(i));
    }
    return v.getLong(i); // integers, dates (days), timestamps (microseconds)
  }

  /** One value of a row seen as a one-row vector, for {@link #primitive}. */
  private static final class RowColumn implements ColumnVector {
    private final Row row;
    private final int ordinal;
    private final DataType type;

    RowColumn(Row row, int ordinal, DataType type) {
      this.row = row;
      this.ordinal = ordinal;
      this.type = type;
    }

    @Override
    public DataType getDataType() {
      return type;
    }

    @Override
    public int getSize() {
      return 1;
    }

    @Override
    public boolean isNullAt(int rowId) {
      return row.isNullAt(ordinal);
    }

    @Override
    public boolean getBoolean(int rowId) {
      return row.getBoolean(ordinal);
    }

    @Override
    public long getLong(int rowId) {
      DataType t = type;
      if (t instanceof dev.keel.kernel.types.IntegerType
          || t instanceof dev.keel.kernel.types.DateType) {
        return row.getInt(ordinal);
      } else if (t instanceof dev.keel.kernel.types.ShortType) {
        return row.getShort(ordinal);
      } else if (t instanceof dev.keel.kernel.types.ByteType) {
        return row.getByte(ordinal);
      }
      return row.getLong(ordinal);
    }

    @Override
    public double getDouble(int rowId) {
      return type instanceof FloatType ? row.getFloat(ordinal) : row.getDouble(ordinal);
    }

    @Override
    public java.math.BigDecimal getDecimal(int rowId) {
      return row.getDecimal(ordinal);
    }

    @Override
    public String getString(int rowId) {
      return row.getString(ordinal);
    }

    @Override
    public byte[] getBinary(int rowId) {
      return row.getBinary(ordinal);
    }

    @Override
    public void close() {}
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parseLine(String path, int line, String text) {
    try {
      Object parsed = Json.parse(text);
      if (!(parsed instanceof Map)) {
        throw new MalformedDataException(
            "Cannot read `" + path + "` line " + line + ": not a JSON object");
      }
      return (Map<String, Object>) parsed;
    } catch (Json.JsonSyntaxException e) {
      throw new MalformedDataException(
          "Cannot read `" + path + "` line " + line + ": " + e.getMessage(), e);
    }
  }

  private final class JsonLines implements JsonHandler {
    @Override
    public ColumnarBatch parseJson(
        ColumnVector jsonStrings, StructType outputSchema, Optional<ColumnVector> selection) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (int i = 0; i < jsonStrings.getSize(); i++) {
        boolean wanted = selection.isEmpty() || selected(selection.get(), i);
        rows.add(
            wanted && !jsonStrings.isNullAt(i)
                ? parseLine("(string column)", i + 1, jsonStrings.getString(i))
                : null);
      }
      return batch(outputSchema, rows);
    }

    @Override
    public CloseableIterator<FileReadResult> readJsonFiles(
        CloseableIterator<FileStatus> files, StructType schema, Optional<Predicate> predicate)
        throws IOException {
      return files.map(
          f -> {
            String text;
            try (InputStream in = fs.open(f.getPath())) {
              text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
              if (!lines[i].isBlank()) {
                rows.add(parseLine(f.getPath(), i + 1, lines[i]));
              }
            }
            return new FileReadResult(batch(schema, rows), f.getPath());
          });
    }

    @Override
    public void writeJsonFileAtomically(String path, CloseableIterator<Row> rows, boolean overwrite)
        throws IOException {
      StringBuilder sb = new StringBuilder();
      try (rows) {
        rows.forEachRemaining(
            r -> sb.append(dev.keel.kernel.internal.util.Json.toJson(tree(r))).append('\n'));
      }
      if (!overwrite && fs.exists(path)) {
        throw new PathAlreadyExistsException("File `" + path + "` already exists.");
      }
      fs.write(path, sb.toString().getBytes(StandardCharsets.UTF_8), overwrite);
    }
  }

  private static boolean selected(ColumnVector selection, int i) {
    return !selection.isNullAt(i) && selection.getBoolean(i);
  }

  private final class Parquet implements ParquetHandler {
    @Override
    public CloseableIterator<FileReadResult> readParquetFiles(
        CloseableIterator<FileStatus> files, StructType schema, Optional<Predicate> predicate) {
      return files.map(
          f -> {
            List<Map<String, Object>> rows = parquetRows.get(f.getPath());
            if (rows == null) {
              throw new MalformedDataException(
                  "Cannot read `"
                      + f.getPath()
                      + "`: the in-memory engine wrote no Parquet file there");
            }
            return new FileReadResult(batch(schema, rows), f.getPath());
          });
    }

    @Override
    public CloseableIterator<DataFileStatus> writeParquetFiles(
        String directoryPath, CloseableIterator<ColumnarBatch> data, List<Column> statsColumns) {
      data.close();
      throw new UnsupportedOperationException(
          "InMemoryEngine does not write Parquet data files; describe data files"
              + " with AddFile.of and commit them with Transaction.addFiles");
    }

    @Override
    public void writeParquetFileAtomically(String filePath, CloseableIterator<ColumnarBatch> data)
        throws IOException {
      List<Map<String, Object>> rows = new ArrayList<>();
      try (data) {
        while (data.hasNext()) {
          try (ColumnarBatch b = data.next();
              CloseableIterator<Row> it = b.getRows()) {
            it.forEachRemaining(r -> rows.add(tree(r)));
          }
        }
      }
      if (fs.exists(filePath)) {
        throw new PathAlreadyExistsException("File `" + filePath + "` already exists.");
      }
      parquetRows.put(filePath, rows);
      fs.write(
          filePath,
          ("in-memory parquet, " + rows.size() + " rows").getBytes(StandardCharsets.UTF_8),
          false);
    }
  }

  private static final class Expressions implements ExpressionHandler {
    @Override
    public ExpressionEvaluator getEvaluator(
        StructType inputSchema, Expression expression, DataType outputType) {
      return batch -> {
        Object[] out = new Object[batch.getSize()];
        for (int i = 0; i < out.length; i++) {
          out[i] = PredicateInterpreter.eval(expression, batch, i);
        }
        return new TreeVector(outputType, out);
      };
    }

    @Override
    public PredicateEvaluator getPredicateEvaluator(StructType inputSchema, Predicate predicate) {
      return (batch, existing) -> {
        Object[] out = new Object[batch.getSize()];
        for (int i = 0; i < out.length; i++) {
          boolean before = existing.isEmpty() || selected(existing.get(), i);
          out[i] = before && Boolean.TRUE.equals(PredicateInterpreter.eval(predicate, batch, i));
        }
        return new TreeVector(dev.keel.kernel.types.DataTypes.BOOLEAN, out);
      };
    }

    @Override
    public ColumnVector createSelectionVector(boolean[] values, int from, int to) {
      Object[] out = new Object[to - from];
      for (int i = from; i < to; i++) {
        out[i - from] = values[i];
      }
      return new TreeVector(dev.keel.kernel.types.DataTypes.BOOLEAN, out);
    }
  }
}
