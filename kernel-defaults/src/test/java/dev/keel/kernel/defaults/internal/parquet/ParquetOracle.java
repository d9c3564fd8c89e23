package dev.keel.kernel.defaults.internal.parquet;

import dev.keel.kernel.data.ArrayValue;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.data.MapValue;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.engine.FileReadResult;
import dev.keel.kernel.types.ArrayType;
import dev.keel.kernel.types.BinaryType;
import dev.keel.kernel.types.BooleanType;
import dev.keel.kernel.types.ByteType;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.DateType;
import dev.keel.kernel.types.DecimalType;
import dev.keel.kernel.types.DoubleType;
import dev.keel.kernel.types.FloatType;
import dev.keel.kernel.types.IntegerType;
import dev.keel.kernel.types.LongType;
import dev.keel.kernel.types.MapType;
import dev.keel.kernel.types.ShortType;
import dev.keel.kernel.types.StringType;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.types.TimestampNTZType;
import dev.keel.kernel.types.TimestampType;
import dev.keel.kernel.utils.CloseableIterator;
import dev.keel.kernel.utils.FileStatus;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * parquet-hadoop's record reader (the example {@link Group} API) as the oracle for Keel's Parquet
 * reader: a file's rows read by each, in one canonical form (integers as longs, floats bit for bit,
 * decimals with their scale, strings, binary as hex, timestamps as microseconds, structs, lists and
 * maps element by element), so that they can be compared with {@code equals}.
 */
final class ParquetOracle {
  private static final Configuration CONF = new Configuration();

  private ParquetOracle() {}

  /** The Delta schema of a Parquet file, from its footer (read by parquet-hadoop). */
  static StructType schemaOf(Path file) throws IOException {
    try (ParquetFileReader r =
        ParquetFileReader.open(
            HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), CONF))) {
      return ParquetToDelta.struct(r.getFooter().getFileMetaData().getSchema());
    }
  }

  /** The file's rows as parquet-hadoop's record reader gives them, canonical. */
  static List<Object> hadoopRows(Path file, StructType schema) throws IOException {
    List<Object> rows = new ArrayList<>();
    try (ParquetReader<Group> reader =
        ParquetReader.builder(new GroupReadSupport(), new org.apache.hadoop.fs.Path(file.toUri()))
            .withConf(CONF)
            .build()) {
      for (Group g = reader.read(); g != null; g = reader.read()) {
        rows.add(fromGroupStruct(g, schema));
      }
    }
    return rows;
  }

  /** The file's rows as Keel's default Parquet handler reads them, canonical. */
  static List<Object> keelRows(Engine engine, Path file, StructType schema) throws IOException {
    List<Object> rows = new ArrayList<>();
    String path = "file:" + file.toAbsolutePath();
    try (CloseableIterator<FileReadResult> it =
        engine
            .getParquetHandler()
            .readParquetFiles(
                CloseableIterator.of(List.of(FileStatus.of(path, Files.size(file), 0))),
                schema,
                Optional.empty())) {
      while (it.hasNext()) {
        try (FileReadResult r = it.next()) {
          ColumnarBatch b = r.getData();
          for (int row = 0; row < b.getSize(); row++) {
            List<Object> fields = new ArrayList<>();
            for (int c = 0; c < schema.length(); c++) {
              fields.add(fromVector(b.getColumnVector(c), row, schema.at(c).getDataType()));
            }
            rows.add(fields);
          }
        }
      }
    }
    return rows;
  }

  // ---- canonical values from Keel's vectors ----

  private static Object fromVector(ColumnVector v, int row, DataType t) {
    if (v.isNullAt(row)) {
      return null;
    }
    if (t instanceof BooleanType) {
      return v.getBoolean(row);
    } else if (t instanceof ByteType) {
      return (long) v.getByte(row);
    } else if (t instanceof ShortType) {
      return (long) v.getShort(row);
    } else if (t instanceof IntegerType || t instanceof DateType) {
      return (long) v.getInt(row);
    } else if (t instanceof LongType
        || t instanceof TimestampType
        || t instanceof TimestampNTZType) {
      return v.getLong(row);
    } else if (t instanceof FloatType) {
      return "f" + Float.floatToRawIntBits(v.getFloat(row));
    } else if (t instanceof DoubleType) {
      return "d" + Double.doubleToRawLongBits(v.getDouble(row));
    } else if (t instanceof DecimalType) {
      return v.getDecimal(row).toString();
    } else if (t instanceof StringType) {
      return v.getString(row);
    } else if (t instanceof BinaryType) {
      return HexFormat.of().formatHex(v.getBinary(row));
    } else if (t instanceof StructType) {
      StructType st = (StructType) t;
      List<Object> out = new ArrayList<>();
      for (int c = 0; c < st.length(); c++) {
        out.add(fromVector(v.getChild(c), row, st.at(c).getDataType()));
      }
      return out;
    } else if (t instanceof ArrayType) {
      ArrayValue a = v.getArray(row);
      List<Object> out = new ArrayList<>();
      for (int k = 0; k < a.getSize(); k++) {
        out.add(fromVector(a.getElements(), k, ((ArrayType) t).getElementType()));
      }
      return out;
    } else if (t instanceof MapType) {
      MapValue m = v.getMap(row);
      List<Object> out = new ArrayList<>();
      for (int k = 0; k < m.getSize(); k++) {
        Object key = fromVector(m.getKeys(), k, ((MapType) t).getKeyType());
        if (key == null) {
          // Map keys are never null; a damaged file must be refused rather than read so.
          throw new AssertionError("Keel read a null key in row " + row + "'s map, entry " + k);
        }
        out.add(
            List.of(
                key, String.valueOf(fromVector(m.getValues(), k, ((MapType) t).getValueType()))));
      }
      return out;
    }
    throw new AssertionError("unexpected type " + t);
  }

  // ---- canonical values from parquet-hadoop's Group records ----

  private static List<Object> fromGroupStruct(Group g, StructType st) {
    GroupType gt = g.getType();
    List<Object> out = new ArrayList<>();
    for (int c = 0; c < st.length(); c++) {
      int idx = gt.getFieldIndex(st.at(c).getName());
      out.add(fromGroupField(g, idx, st.at(c).getDataType()));
    }
    return out;
  }

  private static Object fromGroupField(Group g, int idx, DataType t) {
    if (g.getFieldRepetitionCount(idx) == 0) {
      return null;
    }
    Type type = g.getType().getType(idx);
    if (type.isPrimitive()) {
      return primitive(g, idx, 0, type.asPrimitiveType(), t);
    }
    Group child = g.getGroup(idx, 0);
    if (t instanceof StructType) {
      return fromGroupStruct(child, (StructType) t);
    }
    GroupType ct = child.getType();
    int n = child.getFieldRepetitionCount(0);
    List<Object> out = new ArrayList<>();
    Type rep = ct.getType(0);
    if (t instanceof ArrayType) {
      DataType et = ((ArrayType) t).getElementType();
      for (int k = 0; k < n; k++) {
        if (rep.isPrimitive()) {
          out.add(primitive(child, 0, k, rep.asPrimitiveType(), et));
        } else {
          Group rg = child.getGroup(0, k);
          GroupType rgt = rep.asGroupType();
          boolean repeatedIsElement =
              rgt.getFieldCount() > 1
                  || rgt.getName().equals("array")
                  || rgt.getName().equals(ct.getName() + "_tuple");
          out.add(
              repeatedIsElement ? fromGroupStruct(rg, (StructType) et) : fromGroupField(rg, 0, et));
        }
      }
      return out;
    }
    MapType mt = (MapType) t;
    for (int k = 0; k < n; k++) {
      Group kv = child.getGroup(0, k);
      Object key = fromGroupField(kv, 0, mt.getKeyType());
      Object value =
          kv.getType().getFieldCount() > 1 ? fromGroupField(kv, 1, mt.getValueType()) : null;
      out.add(List.of(key, String.valueOf(value)));
    }
    return out;
  }

  private static Object primitive(Group g, int idx, int k, PrimitiveType p, DataType t) {
    LogicalTypeAnnotation l = p.getLogicalTypeAnnotation();
    switch (p.getPrimitiveTypeName()) {
      case BOOLEAN:
        return g.getBoolean(idx, k);
      case INT32:
        if (t instanceof DecimalType) {
          return BigDecimal.valueOf(g.getInteger(idx, k), ((DecimalType) t).getScale()).toString();
        }
        return (long) g.getInteger(idx, k);
      case INT64:
        {
          long v = g.getLong(idx, k);
          if (t instanceof DecimalType) {
            return BigDecimal.valueOf(v, ((DecimalType) t).getScale()).toString();
          }
          if (l instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) {
            switch (((LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) l).getUnit()) {
              case MILLIS:
                return v * 1000;
              case NANOS:
                return Math.floorDiv(v, 1000L);
              default:
                return v;
            }
          }
          return v;
        }
      case INT96:
        {
          ByteBuffer b = g.getInt96(idx, k).toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
          long nanos = b.getLong(b.position());
          int julian = b.getInt(b.position() + 8);
          return (julian - 2_440_588L) * 86_400_000_000L + Math.floorDiv(nanos, 1000L);
        }
      case FLOAT:
        return "f" + Float.floatToRawIntBits(g.getFloat(idx, k));
      case DOUBLE:
        return "d" + Double.doubleToRawLongBits(g.getDouble(idx, k));
      default:
        {
          Binary b = g.getBinary(idx, k);
          if (t instanceof DecimalType) {
            return new BigDecimal(new BigInteger(b.getBytes()), ((DecimalType) t).getScale())
                .toString();
          }
          if (t instanceof StringType) {
            return b.toStringUsingUTF8();
          }
          return HexFormat.of().formatHex(b.getBytes());
        }
    }
  }
}
