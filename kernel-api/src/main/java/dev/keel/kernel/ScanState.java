package dev.keel.kernel;

import dev.keel.kernel.annotations.Stable;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.data.Row;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.internal.scan.ScanFileReader;
import dev.keel.kernel.internal.scan.ScanStateCodec;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import java.util.List;
import java.util.Map;

/**
 * Everything a worker needs to turn one scan file into logical rows: the table root, the logical
 * read schema, the physical schema of the data files, and the partition columns with their physical
 * names. Immutable; serializable as JSON with {@link #toJson()} and {@link #fromJson}.
 */
@Stable
public final class ScanState {
  private final String tablePath;
  private final StructType logicalSchema;
  private final StructType physicalSchema;
  private final Map<String, String> partitionPhysicalNames;

  /**
   * @param tablePath the table root
   * @param logicalSchema the read schema, with the table's field metadata
   * @param physicalSchema the data columns as stored in the files
   * @param partitionPhysicalNames logical partition column name to the key in {@code
   *     partitionValues}
   */
  ScanState(
      String tablePath,
      StructType logicalSchema,
      StructType physicalSchema,
      Map<String, String> partitionPhysicalNames) {
    this.tablePath = tablePath;
    this.logicalSchema = logicalSchema;
    this.physicalSchema = physicalSchema;
    this.partitionPhysicalNames = Map.copyOf(partitionPhysicalNames);
  }

  /**
   * @return the table root
   */
  public String getTablePath() {
    return tablePath;
  }

  /**
   * @return the logical read schema
   */
  public StructType getLogicalSchema() {
    return logicalSchema;
  }

  /**
   * @return the physical schema of the data columns
   */
  public StructType getPhysicalSchema() {
    return physicalSchema;
  }

  /**
   * @return the partition columns of the table: logical name to physical name
   */
  public Map<String, String> getPartitionPhysicalNames() {
    return partitionPhysicalNames;
  }

  /**
   * @return the partition columns that are part of the read schema, in schema order
   */
  public List<String> getPartitionColumnsRead() {
    return ScanStateCodec.partitionColumnsRead(this);
  }

  /**
   * Reads one scan file into logical batches: the data file's physical columns renamed to their
   * logical names, partition columns filled in, the deletion vector applied as a selection.
   *
   * @param engine the engine
   * @param scanFile a row of {@link ScanFile#SCHEMA}
   * @return the rows; the caller closes the iterator and each batch
   * @throws dev.keel.kernel.exceptions.KernelException if the file or its deletion vector cannot be
   *     read
   */
  public CloseableIterator<FilteredColumnarBatch> readFile(Engine engine, Row scanFile) {
    return ScanFileReader.read(engine, this, scanFile, 0, Long.MAX_VALUE);
  }

  /**
   * Reads part of one scan file, as {@link #readFile} reads all of it: the row groups that {@link
   * dev.keel.kernel.engine.ParquetHandler#readParquetFileRange} assigns to the byte range {@code
   * [start, start + length)}. An engine that splits a large file gives each reader one range; the
   * ranges together read each row once, deletion vectors applied by physical row index.
   *
   * @param engine the engine; its Parquet handler must implement {@code readParquetFileRange}
   * @param scanFile a row of {@link ScanFile#SCHEMA}
   * @param start the first byte of the range
   * @param length the range's length in bytes
   * @return the rows; the caller closes the iterator and each batch
   * @throws dev.keel.kernel.exceptions.KernelException if the file or its deletion vector cannot be
   *     read
   * @throws UnsupportedOperationException if the engine cannot read part of a file
   */
  public CloseableIterator<FilteredColumnarBatch> readFile(
      Engine engine, Row scanFile, long start, long length) {
    return ScanFileReader.read(engine, this, scanFile, start, length);
  }

  /**
   * @return this state as a JSON object
   */
  public String toJson() {
    return ScanStateCodec.toJson(this);
  }

  /**
   * @param json what {@link #toJson()} wrote
   * @return the state
   * @throws dev.keel.kernel.exceptions.KernelException if the JSON is not a scan state
   */
  public static ScanState fromJson(String json) {
    return ScanStateCodec.fromJson(json);
  }
}
