package dev.keel.kernel;

import dev.keel.kernel.annotations.Evolving;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.expressions.Literal;
import dev.keel.kernel.internal.txn.DataWriter;
import dev.keel.kernel.internal.txn.RowWriter;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import java.util.List;
import java.util.Map;

/**
 * What a worker needs to write data files for a transaction: the table root, the logical schema,
 * the partition columns and the column mapping. Immutable; serializable with {@link #toJson()}.
 */
@Evolving
public final class TransactionState {
  private final String tablePath;
  private final StructType schema;
  private final List<String> partitionColumns;
  private final Map<String, String> properties;

  /**
   * @param tablePath the table root
   * @param schema the table's logical schema, with column mapping metadata
   * @param partitionColumns the partition columns
   * @param properties the table properties (column mapping mode, statistics settings)
   */
  TransactionState(
      String tablePath,
      StructType schema,
      List<String> partitionColumns,
      Map<String, String> properties) {
    this.tablePath = tablePath;
    this.schema = schema;
    this.partitionColumns = List.copyOf(partitionColumns);
    this.properties = Map.copyOf(properties);
  }

  /**
   * @return the table root
   */
  public String getTablePath() {
    return tablePath;
  }

  /**
   * @return the table schema
   */
  public StructType getSchema() {
    return schema;
  }

  /**
   * @return the partition columns
   */
  public List<String> getPartitionColumns() {
    return partitionColumns;
  }

  /**
   * @return the table properties
   */
  public Map<String, String> getProperties() {
    return properties;
  }

  /**
   * Writes one partition's logical data as Parquet files (physical column names, statistics) under
   * the table root, in a Hive-style partition directory.
   *
   * @param engine the engine
   * @param partitionValues a value for every partition column
   * @param data batches of the schema without partition columns; closed by this call
   * @return the files, to be committed by the coordinator
   * @throws dev.keel.kernel.exceptions.KernelException if the data does not match the schema
   */
  public List<AddFile> writeFiles(
      Engine engine, Map<String, Literal> partitionValues, CloseableIterator<ColumnarBatch> data) {
    return DataWriter.write(engine, this, partitionValues, data);
  }

  /**
   * Writes rows of the table's full logical schema, partition columns included, as Parquet files:
   * the rows are grouped by partition value and each partition written as {@link #writeFiles}
   * writes one. Up to 16 batches are held open at a time, and each partition's rows in them go to
   * the same files (so a partition gets one file per 16 batches, or more when the engine's Parquet
   * writer rolls over to a new file); the partitions are written several at once on the engine's
   * executor ({@link Engine#getDataWriteParallelism()}). Safe to call from several workers (threads
   * or processes) at once, and from a thread of the engine's executor; the coordinator commits the
   * files ({@link Transaction#addFiles}).
   *
   * @param engine the engine
   * @param rows batches of {@link #getSchema()}; closed by this call
   * @return the files, to be committed by the coordinator
   * @throws dev.keel.kernel.exceptions.KernelException if a batch does not match the schema, or a
   *     partition value cannot be written
   */
  public List<AddFile> writeRows(Engine engine, CloseableIterator<ColumnarBatch> rows) {
    return RowWriter.writeRows(engine, this, rows);
  }

  /**
   * @return this state as JSON
   */
  public String toJson() {
    return DataWriter.toJson(this);
  }

  /**
   * @param json what {@link #toJson()} wrote
   * @return the state
   */
  public static TransactionState fromJson(String json) {
    return DataWriter.fromJson(json);
  }
}
