package dev.keel.connectors.trino;

import static io.trino.memory.context.AggregatedMemoryContext.newSimpleAggregatedMemoryContext;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.BooleanType.BOOLEAN;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.TimestampType.TIMESTAMP_MILLIS;
import static io.trino.spi.type.TimestampType.TIMESTAMP_NANOS;
import static io.trino.spi.type.TimestampWithTimeZoneType.TIMESTAMP_TZ_MILLIS;
import static io.trino.spi.type.TimestampWithTimeZoneType.TIMESTAMP_TZ_NANOS;
import static io.trino.spi.type.VarbinaryType.VARBINARY;

import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.engine.FileReadResult;
import dev.keel.kernel.engine.MetadataColumns;
import dev.keel.kernel.exceptions.EngineException;
import dev.keel.kernel.exceptions.MalformedDataException;
import dev.keel.kernel.exceptions.UnsupportedTypeException;
import dev.keel.kernel.types.ArrayType;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.DecimalType;
import dev.keel.kernel.types.DoubleType;
import dev.keel.kernel.types.MapType;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.types.TimestampNTZType;
import dev.keel.kernel.types.TimestampType;
import dev.keel.kernel.types.VariantType;
import dev.keel.kernel.utils.CloseableIterator;
import io.trino.filesystem.TrinoInput;
import io.trino.parquet.Column;
import io.trino.parquet.Field;
import io.trino.parquet.ParquetCorruptionException;
import io.trino.parquet.ParquetDataSource;
import io.trino.parquet.ParquetReaderOptions;
import io.trino.parquet.ParquetTypeUtils;
import io.trino.parquet.metadata.BlockMetadata;
import io.trino.parquet.metadata.ColumnChunkMetadata;
import io.trino.parquet.metadata.ParquetMetadata;
import io.trino.parquet.metadata.PrunedBlockMetadata;
import io.trino.parquet.reader.MetadataReader;
import io.trino.parquet.reader.ParquetReader;
import io.trino.parquet.reader.RowGroupInfo;
import io.trino.spi.TrinoException;
import io.trino.spi.block.Block;
import io.trino.spi.block.LongArrayBlock;
import io.trino.spi.block.RunLengthEncodedBlock;
import io.trino.spi.connector.SourcePage;
import io.trino.spi.type.RowType;
import io.trino.spi.type.Type;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.io.ColumnIO;
import org.apache.parquet.io.GroupColumnIO;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.joda.time.DateTimeZone;

/**
 * The batches of one Parquet file (or of the row groups of a byte range of it), read by Trino's own
 * Parquet reader into Trino blocks and handed to Keel as {@link BlockVector}s, so that a column the
 * kernel passes through unchanged reaches Trino's pages without a copy.
 *
 * <p>Columns are matched to the requested fields by Parquet field id where the field carries {@code
 * parquet.field.id}, otherwise by name (exact, then ignoring case), at every level of nesting.
 * Requested nullable columns the file lacks read as nulls; {@link MetadataColumns#ROW_INDEX} is
 * each row's position in the file. Owns the file's input and closes it.
 */
final class ParquetFilePages implements CloseableIterator<FileReadResult> {
  private static final String FIELD_ID = "parquet.field.id";

  private final String path;
  private final StructType schema;
  private final ParquetDataSource source;
  private final Type[] types;
  private final int[] channels; // reader channel of each field, -1 missing, -2 row index
  private final ParquetReader reader;
  private SourcePage next;
  private boolean done;

  /**
   * @param start the first byte of the range whose row groups are read (midpoint rule)
   * @param length the range's length; {@code Long.MAX_VALUE} for the whole file
   */
  ParquetFilePages(
      String path,
      long size,
      TrinoInput input,
      StructType schema,
      long start,
      long length,
      ParquetReaderOptions options) {
    this.path = path;
    this.schema = schema;
    this.source = new TrinoParquetDataSource(path, size, input, options);
    try {
      ParquetMetadata footer = MetadataReader.readFooter(source, Optional.empty());
      MessageType fileSchema = footer.getFileMetaData().getSchema();
      MessageColumnIO io = ParquetTypeUtils.getColumnIO(fileSchema, fileSchema);
      types = new Type[schema.length()];
      channels = new int[schema.length()];
      List<Column> columns = new ArrayList<>();
      for (int i = 0; i < schema.length(); i++) {
        StructField field = schema.at(i);
        if (MetadataColumns.isRowIndex(field)) {
          types[i] = BIGINT;
          channels[i] = -2;
          continue;
        }
        ColumnIO column = lookup(io, field);
        types[i] = readType(field.getDataType(), column, field.getName());
        Optional<Field> read =
            column == null ? Optional.empty() : ParquetTypeUtils.constructField(types[i], column);
        if (read.isEmpty()) {
          if (!field.isNullable()) {
            throw new MalformedDataException(
                "Cannot read `"
                    + path
                    + "`: the non-nullable column `"
                    + field.getName()
                    + "` is missing from the file. The file does not match the table's schema.");
          }
          channels[i] = -1;
          continue;
        }
        channels[i] = columns.size();
        columns.add(new Column(field.getName(), read.get()));
      }
      Map<List<String>, ColumnDescriptor> descriptors =
          ParquetTypeUtils.getDescriptors(fileSchema, fileSchema);
      List<RowGroupInfo> groups = new ArrayList<>();
      for (BlockMetadata block : footer.getBlocks()) {
        if (length != Long.MAX_VALUE && !midpointIn(block, start, length)) {
          continue;
        }
        groups.add(
            new RowGroupInfo(
                PrunedBlockMetadata.createPrunedColumnsMetadata(block, source.getId(), descriptors),
                block.fileRowCountOffset(),
                Optional.empty()));
      }
      reader =
          new ParquetReader(
              Optional.ofNullable(footer.getFileMetaData().getCreatedBy()),
              columns,
              false,
              groups,
              source,
              DateTimeZone.UTC,
              newSimpleAggregatedMemoryContext(),
              options,
              this::failure,
              Optional.empty(),
              Optional.empty(),
              Optional.empty());
    } catch (FileNotFoundException e) {
      closeQuietly(e);
      throw new EngineException(
          "Failed to open Parquet file `" + path + "`: FileNotFoundException: " + e.getMessage(),
          e);
    } catch (IOException | RuntimeException e) {
      closeQuietly(e);
      throw failure(e);
    }
  }

  private void closeQuietly(Exception cause) {
    try {
      source.close();
    } catch (IOException | RuntimeException suppressed) {
      cause.addSuppressed(suppressed);
    }
  }

  /** Whether the row group's midpoint lies in {@code [start, start + length)}. */
  private static boolean midpointIn(BlockMetadata block, long start, long length) {
    long first = Long.MAX_VALUE;
    long bytes = 0;
    for (ColumnChunkMetadata c : block.columns()) {
      first =
          Math.min(
              first,
              c.getDictionaryPageOffset() > 0
                  ? Math.min(c.getDictionaryPageOffset(), c.getFirstDataPageOffset())
                  : c.getFirstDataPageOffset());
      bytes += c.getTotalSize();
    }
    long mid = first + bytes / 2;
    return mid >= start && mid < start + length;
  }

  /** The file's column for a requested field: by field id when it has one, else by name. */
  private static ColumnIO lookup(GroupColumnIO group, StructField field) {
    Optional<Object> id = field.getMetadata().get(FIELD_ID);
    if (id.isPresent() && id.get() instanceof Number n) {
      return ParquetTypeUtils.lookupColumnById(group, n.intValue());
    }
    return ParquetTypeUtils.lookupColumnByName(group, field.getName());
  }

  /**
   * The Trino type to read a Keel type as, with each struct field named as the file names it (Trino
   * matches nested fields by name), so that field ids hold at every level.
   */
  private Type readType(DataType type, ColumnIO column, String name) {
    Type widened = fileTypeFor(type, column);
    if (widened != null) {
      return widened;
    }
    Type primitive = KeelTypes.primitive(type);
    if (primitive != null) {
      return primitive;
    } else if (type instanceof VariantType) {
      if (column instanceof GroupColumnIO g
          && ParquetTypeUtils.lookupColumnByName(g, "typed_value") != null) {
        throw new UnsupportedTypeException(
            "Cannot read variant column `"
                + name
                + "` of `"
                + path
                + "`: Keel's Trino connector does not read shredded variants (typed_value) yet.");
      }
      return RowType.rowType(
          RowType.field("metadata", VARBINARY), RowType.field("value", VARBINARY));
    } else if (type instanceof ArrayType a) {
      ColumnIO element = column == null ? null : ParquetTypeUtils.getArrayElementColumn(column);
      return new io.trino.spi.type.ArrayType(readType(a.getElementType(), element, name));
    } else if (type instanceof MapType m) {
      GroupColumnIO entry =
          column instanceof GroupColumnIO g ? ParquetTypeUtils.getMapKeyValueColumn(g) : null;
      return new io.trino.spi.type.MapType(
          readType(m.getKeyType(), entry == null ? null : entry.getChild(0), name),
          readType(m.getValueType(), entry == null ? null : entry.getChild(1), name),
          KeelTypes.TYPE_OPERATORS);
    } else if (type instanceof StructType s) {
      List<RowType.Field> fields = new ArrayList<>();
      for (StructField f : s.getFields()) {
        ColumnIO child = column instanceof GroupColumnIO g ? lookup(g, f) : null;
        String fileName = child == null ? f.getName() : child.getName();
        fields.add(RowType.field(fileName, readType(f.getDataType(), child, name)));
      }
      if (fields.isEmpty()) {
        fields.add(RowType.field("$empty", BOOLEAN));
      }
      return RowType.from(fields);
    }
    // void and other types the file cannot hold: nulls
    return BOOLEAN;
  }

  /**
   * The Trino type to read a primitive column as when Trino's reader cannot produce the requested
   * type itself: {@link BlockVector} converts on access (integers widened to double or decimal,
   * dates to timestamp_ntz, timestamps stored in milliseconds or nanoseconds). Null when the
   * requested type can be read directly.
   */
  private static Type fileTypeFor(DataType type, ColumnIO column) {
    if (column == null || !column.getType().isPrimitive()) {
      return null;
    }
    PrimitiveType primitive = column.getType().asPrimitiveType();
    LogicalTypeAnnotation annotation = primitive.getLogicalTypeAnnotation();
    PrimitiveType.PrimitiveTypeName physical = primitive.getPrimitiveTypeName();
    if ((type instanceof DoubleType || type instanceof DecimalType)
        && (physical == PrimitiveType.PrimitiveTypeName.INT32
            || physical == PrimitiveType.PrimitiveTypeName.INT64)
        && !(annotation instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation)) {
      return BIGINT;
    }
    if (type instanceof TimestampNTZType
        && annotation instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
      return DATE;
    }
    if ((type instanceof TimestampType || type instanceof TimestampNTZType)
        && annotation instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation t) {
      boolean zoned = type instanceof TimestampType;
      return switch (t.getUnit()) {
        case MILLIS -> zoned ? TIMESTAMP_TZ_MILLIS : TIMESTAMP_MILLIS;
        case NANOS -> zoned ? TIMESTAMP_TZ_NANOS : TIMESTAMP_NANOS;
        case MICROS -> null;
      };
    }
    return null;
  }

  @Override
  public boolean hasNext() {
    if (next == null && !done) {
      try {
        next = reader.nextPage();
      } catch (IOException | RuntimeException e) {
        throw failure(e);
      }
      done = next == null;
    }
    return next != null;
  }

  @Override
  public FileReadResult next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    SourcePage page = next;
    next = null;
    int rows = page.getPositionCount();
    ColumnVector[] vectors = new ColumnVector[types.length];
    for (int i = 0; i < vectors.length; i++) {
      DataType keelType = schema.at(i).getDataType();
      Block block;
      if (channels[i] == -2) {
        long first = reader.lastBatchStartRow();
        long[] values = new long[rows];
        for (int r = 0; r < rows; r++) {
          values[r] = first + r;
        }
        block = new LongArrayBlock(rows, Optional.empty(), values);
      } else if (channels[i] == -1) {
        block = RunLengthEncodedBlock.create(types[i], null, rows);
      } else {
        try {
          block = page.getBlock(channels[i]);
        } catch (RuntimeException e) {
          throw failure(e);
        }
      }
      vectors[i] = BlockVector.of(keelType, types[i], block);
    }
    return new FileReadResult(new BlockBatch(schema, vectors, rows), path);
  }

  /** A reader failure as the kernel expects it: corrupt data as {@code MalformedDataException}. */
  private RuntimeException failure(Exception e) {
    if (e instanceof MalformedDataException || e instanceof UnsupportedTypeException) {
      return (RuntimeException) e;
    }
    if (e instanceof ParquetCorruptionException || e instanceof TrinoException) {
      return new MalformedDataException(
          "Cannot read Parquet file `" + path + "`: " + e.getMessage() + ".", e);
    }
    if (e instanceof IOException io) {
      return new UncheckedIOException("Cannot read Parquet file " + path, io);
    }
    return e instanceof RuntimeException r ? r : new IllegalStateException(e);
  }

  @Override
  public void close() {
    try {
      reader.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
