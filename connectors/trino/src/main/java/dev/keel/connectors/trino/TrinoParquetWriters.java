package dev.keel.connectors.trino;

import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.engine.DataFileStatistics;
import dev.keel.kernel.engine.DataFileStatus;
import dev.keel.kernel.engine.FileSystemClient;
import dev.keel.kernel.exceptions.UnsupportedTypeException;
import dev.keel.kernel.expressions.Column;
import dev.keel.kernel.types.BinaryType;
import dev.keel.kernel.types.BooleanType;
import dev.keel.kernel.types.ByteType;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.DateType;
import dev.keel.kernel.types.DecimalType;
import dev.keel.kernel.types.DoubleType;
import dev.keel.kernel.types.FloatType;
import dev.keel.kernel.types.IntegerType;
import dev.keel.kernel.types.LongType;
import dev.keel.kernel.types.ShortType;
import dev.keel.kernel.types.StringType;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.types.TimestampNTZType;
import dev.keel.kernel.types.TimestampType;
import dev.keel.kernel.types.VariantType;
import dev.keel.kernel.utils.CloseableIterator;
import dev.keel.kernel.utils.FileStatus;
import io.trino.filesystem.Location;
import io.trino.filesystem.TrinoFileSystem;
import io.trino.parquet.writer.ParquetWriter;
import io.trino.parquet.writer.ParquetWriterOptions;
import io.trino.spi.Page;
import io.trino.spi.block.Block;
import io.trino.spi.block.BlockBuilder;
import io.trino.spi.type.Type;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.parquet.format.CompressionCodec;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/**
 * Keel's Parquet writes with Trino's own writer ({@code trino-parquet}): data files streamed to the
 * catalog's file system, rolled at a target size, each with the Delta statistics the kernel asks
 * for; checkpoint files written whole and committed put-if-absent. Columns keep their {@code
 * parquet.field.id} (column mapping by id); timestamps are microseconds, decimals are Parquet
 * decimals, and the codec is Snappy, as Spark writes them.
 */
final class TrinoParquetWriters {
  private static final String FIELD_ID = "parquet.field.id";
  private static final String CREATED_BY = "keel-trino";

  private final TrinoFileSystem fs;
  private final FileSystemClient files;
  private final long targetFileSize;
  private final ParquetWriterOptions options;

  TrinoParquetWriters(TrinoFileSystem fs, FileSystemClient files, long targetFileSize) {
    this.fs = fs;
    this.files = files;
    this.targetFileSize = targetFileSize;
    this.options = ParquetWriterOptions.builder().build();
  }

  /** One file being written: the schema's Trino types and Parquet message. */
  private final class Open implements AutoCloseable {
    final String path;
    final StructType schema;
    final Type[] types;
    final ParquetWriter writer;

    Open(String path, StructType schema, OutputStream out) {
      this.path = path;
      this.schema = schema;
      this.types = new Type[schema.length()];
      for (int i = 0; i < types.length; i++) {
        types[i] = KeelTypes.blockType(schema.at(i).getDataType());
      }
      Map<List<String>, Type> primitives = new HashMap<>();
      List<org.apache.parquet.schema.Type> fields = new ArrayList<>();
      for (StructField f : schema.getFields()) {
        fields.add(parquetType(f, List.of(), primitives));
      }
      MessageType message = new MessageType("spark_schema", fields);
      this.writer =
          new ParquetWriter(
              out,
              message,
              primitives,
              options,
              CompressionCodec.SNAPPY,
              CREATED_BY,
              Optional.empty(),
              Optional.empty());
    }

    void write(ColumnarBatch batch) throws IOException {
      if (batch.getSize() > 0) {
        writer.write(page(batch, types));
      }
    }

    @Override
    public void close() throws IOException {
      writer.close();
    }
  }

  /**
   * The Parquet type of a field as Spark writes it (32- and 64-bit integers for small decimals,
   * microsecond timestamps, three-level lists, maps of {@code key_value}), with the field's {@code
   * parquet.field.id}; records the Trino type of each primitive column by its path.
   */
  private static org.apache.parquet.schema.Type parquetType(
      StructField field, List<String> parent, Map<List<String>, Type> primitives) {
    return parquetType(
        field.getName(),
        field.getDataType(),
        field.isNullable() ? Repetition.OPTIONAL : Repetition.REQUIRED,
        field
            .getMetadata()
            .get(FIELD_ID)
            .filter(Number.class::isInstance)
            .map(n -> ((Number) n).intValue()),
        parent,
        primitives);
  }

  private static org.apache.parquet.schema.Type parquetType(
      String name,
      DataType type,
      Repetition repetition,
      Optional<Integer> id,
      List<String> parent,
      Map<List<String>, Type> primitives) {
    List<String> path = new ArrayList<>(parent);
    path.add(name);
    org.apache.parquet.schema.Type result;
    if (type instanceof StructType s) {
      List<org.apache.parquet.schema.Type> fields = new ArrayList<>();
      for (StructField f : s.getFields()) {
        fields.add(parquetType(f, path, primitives));
      }
      result = new GroupType(repetition, name, fields);
    } else if (type instanceof VariantType) {
      result =
          new GroupType(
              repetition,
              name,
              List.of(
                  parquetType(
                      "metadata",
                      DataTypes.BINARY,
                      Repetition.REQUIRED,
                      Optional.empty(),
                      path,
                      primitives),
                  parquetType(
                      "value",
                      DataTypes.BINARY,
                      Repetition.REQUIRED,
                      Optional.empty(),
                      path,
                      primitives)));
    } else if (type instanceof dev.keel.kernel.types.ArrayType a) {
      List<String> list = new ArrayList<>(path);
      list.add("list");
      org.apache.parquet.schema.Type element =
          parquetType(
              "element",
              a.getElementType(),
              a.containsNull() ? Repetition.OPTIONAL : Repetition.REQUIRED,
              Optional.empty(),
              list,
              primitives);
      result =
          Types.buildGroup(repetition)
              .as(LogicalTypeAnnotation.listType())
              .addField(new GroupType(Repetition.REPEATED, "list", element))
              .named(name);
    } else if (type instanceof dev.keel.kernel.types.MapType m) {
      List<String> entry = new ArrayList<>(path);
      entry.add("key_value");
      org.apache.parquet.schema.Type key =
          parquetType(
              "key", m.getKeyType(), Repetition.REQUIRED, Optional.empty(), entry, primitives);
      org.apache.parquet.schema.Type value =
          parquetType(
              "value",
              m.getValueType(),
              m.isValueContainsNull() ? Repetition.OPTIONAL : Repetition.REQUIRED,
              Optional.empty(),
              entry,
              primitives);
      result =
          Types.buildGroup(repetition)
              .as(LogicalTypeAnnotation.mapType())
              .addField(new GroupType(Repetition.REPEATED, "key_value", key, value))
              .named(name);
    } else {
      primitives.put(path, KeelTypes.blockType(type));
      result = primitive(name, type, repetition);
    }
    return id.isPresent() ? result.withId(id.get()) : result;
  }

  private static PrimitiveType primitive(String name, DataType type, Repetition repetition) {
    Types.PrimitiveBuilder<PrimitiveType> b;
    if (type instanceof BooleanType) {
      b = Types.primitive(PrimitiveTypeName.BOOLEAN, repetition);
    } else if (type instanceof ByteType) {
      b = Types.primitive(PrimitiveTypeName.INT32, repetition);
      b.as(LogicalTypeAnnotation.intType(8, true));
    } else if (type instanceof ShortType) {
      b = Types.primitive(PrimitiveTypeName.INT32, repetition);
      b.as(LogicalTypeAnnotation.intType(16, true));
    } else if (type instanceof IntegerType) {
      b = Types.primitive(PrimitiveTypeName.INT32, repetition);
    } else if (type instanceof LongType) {
      b = Types.primitive(PrimitiveTypeName.INT64, repetition);
    } else if (type instanceof FloatType) {
      b = Types.primitive(PrimitiveTypeName.FLOAT, repetition);
    } else if (type instanceof DoubleType) {
      b = Types.primitive(PrimitiveTypeName.DOUBLE, repetition);
    } else if (type instanceof DecimalType d) {
      int p = d.getPrecision();
      b =
          Types.primitive(
              p <= 9
                  ? PrimitiveTypeName.INT32
                  : p <= 18 ? PrimitiveTypeName.INT64 : PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY,
              repetition);
      if (p > 18) {
        b.length(decimalBytes(p));
      }
      b.as(LogicalTypeAnnotation.decimalType(d.getScale(), p));
    } else if (type instanceof StringType) {
      b = Types.primitive(PrimitiveTypeName.BINARY, repetition);
      b.as(LogicalTypeAnnotation.stringType());
    } else if (type instanceof BinaryType) {
      b = Types.primitive(PrimitiveTypeName.BINARY, repetition);
    } else if (type instanceof DateType) {
      b = Types.primitive(PrimitiveTypeName.INT32, repetition);
      b.as(LogicalTypeAnnotation.dateType());
    } else if (type instanceof TimestampType || type instanceof TimestampNTZType) {
      b = Types.primitive(PrimitiveTypeName.INT64, repetition);
      b.as(LogicalTypeAnnotation.timestampType(type instanceof TimestampType, TimeUnit.MICROS));
    } else {
      throw new UnsupportedTypeException(
          "Keel's Trino engine cannot write a Parquet column `" + name + "` of type " + type + ".");
    }
    return b.named(name);
  }

  /** The fewest bytes whose two's complement holds every unscaled value of a precision. */
  private static int decimalBytes(int precision) {
    BigInteger max = BigInteger.TEN.pow(precision);
    int bytes = 1;
    while (BigInteger.ONE.shiftLeft(8 * bytes - 1).compareTo(max) < 0) {
      bytes++;
    }
    return bytes;
  }

  /** A batch as a Trino page of the stored types: blocks Trino made pass through as they are. */
  static Page page(ColumnarBatch batch, Type[] types) {
    int rows = batch.getSize();
    Block[] blocks = new Block[types.length];
    for (int c = 0; c < types.length; c++) {
      ColumnVector v = batch.getColumnVector(c);
      Block whole = v instanceof BlockVector b && b.type.equals(types[c]) ? b.wholeBlock() : null;
      if (whole != null && whole.getPositionCount() == rows) {
        blocks[c] = whole;
        continue;
      }
      DataType keelType = batch.getSchema().at(c).getDataType();
      BlockBuilder out = types[c].createBlockBuilder(null, rows);
      for (int r = 0; r < rows; r++) {
        PageConverter.append(v, r, keelType, types[c], out);
      }
      blocks[c] = out.build();
    }
    return new Page(rows, blocks);
  }

  CloseableIterator<DataFileStatus> writeFiles(
      String directory, CloseableIterator<ColumnarBatch> data, List<Column> statsColumns)
      throws IOException {
    String dir =
        directory.endsWith("/") ? directory.substring(0, directory.length() - 1) : directory;
    files.mkdirs(dir);
    List<DataFileStatus> written = new ArrayList<>();
    Open current = null;
    DataFileStatistics.Collector stats = null;
    try (data) {
      while (data.hasNext()) {
        try (ColumnarBatch batch = data.next()) {
          if (current == null) {
            String path =
                dir
                    + "/part-"
                    + String.format("%05d", written.size())
                    + "-"
                    + UUID.randomUUID()
                    + ".c000.snappy.parquet";
            current =
                new Open(path, batch.getSchema(), fs.newOutputFile(Location.of(path)).create());
            stats = DataFileStatistics.collector(batch.getSchema(), statsColumns);
          }
          current.write(batch);
          stats.add(batch);
          if (current.writer.getEstimatedWrittenBytes() >= targetFileSize) {
            current.close();
            written.add(status(current.path, stats));
            current = null;
          }
        }
      }
      if (current != null) {
        current.close();
        written.add(status(current.path, stats));
        current = null;
      }
      return CloseableIterator.of(written);
    } catch (IOException | RuntimeException e) {
      List<String> toDelete = new ArrayList<>();
      written.forEach(w -> toDelete.add(w.getPath()));
      if (current != null) {
        toDelete.add(current.path);
        try {
          current.close();
        } catch (IOException | RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      for (String p : toDelete) {
        try {
          files.delete(p);
        } catch (IOException | RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  private DataFileStatus status(String path, DataFileStatistics.Collector stats)
      throws IOException {
    FileStatus s = files.getFileStatus(path);
    return new DataFileStatus(
        s.getPath(), s.getSize(), s.getModificationTime(), Optional.of(stats.result()));
  }

  /**
   * Writes one file whole in memory and commits it put-if-absent through the file system client (a
   * checkpoint part: its readers must never see part of it).
   */
  void writeFileAtomically(String filePath, CloseableIterator<ColumnarBatch> data)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Open open = null;
    try (data) {
      while (data.hasNext()) {
        try (ColumnarBatch batch = data.next()) {
          if (open == null) {
            open = new Open(filePath, batch.getSchema(), bytes);
          }
          open.write(batch);
        }
      }
      if (open == null) {
        throw new IllegalArgumentException(
            "No batch to write to " + filePath + ": the schema is unknown.");
      }
    } finally {
      if (open != null) {
        open.close();
      }
    }
    files.write(filePath, bytes.toByteArray(), false);
  }
}
