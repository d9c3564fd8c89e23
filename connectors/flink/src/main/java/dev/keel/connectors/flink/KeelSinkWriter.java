package dev.keel.connectors.flink;

import dev.keel.kernel.AddFile;
import dev.keel.kernel.TransactionState;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.expressions.Literal;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.binary.BinaryRowData;
import org.apache.flink.table.runtime.typeutils.RowDataSerializer;
import org.apache.flink.table.types.logical.RowType;

/**
 * Buffers rows by partition and writes them as Parquet data files through Keel ({@code
 * TransactionState.writeFiles}, one partition at a time): a partition's rows are written when they
 * reach the target file size, the largest partition's when all buffers together do, and everything
 * at each checkpoint. The files written since the last checkpoint go to the committer as one write
 * result; files of a checkpoint that never completes stay unreferenced in the table directory
 * (Keel's {@code vacuum} removes them).
 */
final class KeelSinkWriter implements CommittingSinkWriter<RowData, KeelCommittable.WriteResult> {
  /** Rows per batch handed to Keel's Parquet writer. */
  private static final int BATCH_ROWS = 4096;

  private final DefaultEngine engine;
  private final TransactionState state;
  private final StructType schema;
  private final RowType rowType;
  private final RowDataSerializer serializer;
  private final List<String> partitionColumns;
  private final RowData.FieldGetter[] partitionGetters;
  private final StructType dataSchema;
  private final int[] dataFields;
  private final long targetFileSize;
  private final Map<List<Object>, Buffer> buffers = new HashMap<>();
  private final List<String> written = new ArrayList<>();
  private final Counter filesWritten;
  private long bufferedBytes;

  /** One partition's rows not yet written. */
  private static final class Buffer {
    final List<RowData> rows = new ArrayList<>();
    long bytes;
  }

  KeelSinkWriter(KeelSink sink, org.apache.flink.metrics.groups.SinkWriterMetricGroup metrics) {
    this.engine = sink.newEngine();
    this.state = TransactionState.fromJson(sink.transactionState());
    this.schema = state.getSchema();
    this.rowType = sink.getRowType();
    this.serializer = new RowDataSerializer(rowType);
    this.partitionColumns = state.getPartitionColumns();
    this.partitionGetters = new RowData.FieldGetter[partitionColumns.size()];
    for (int i = 0; i < partitionGetters.length; i++) {
      int field = rowType.getFieldIndex(partitionColumns.get(i));
      partitionGetters[i] = RowData.createFieldGetter(rowType.getTypeAt(field), field);
    }
    List<StructField> data = new ArrayList<>();
    List<Integer> fields = new ArrayList<>();
    for (int i = 0; i < schema.length(); i++) {
      if (!partitionColumns.contains(schema.at(i).getName())) {
        data.add(schema.at(i));
        fields.add(i);
      }
    }
    this.dataSchema = new StructType(data);
    this.dataFields = fields.stream().mapToInt(Integer::intValue).toArray();
    this.targetFileSize = sink.targetFileSize();
    this.filesWritten = metrics.counter("keelFilesWritten");
  }

  @Override
  public void write(RowData element, Context context) {
    BinaryRowData row = serializer.toBinaryRow(element).copy();
    List<Object> key = new ArrayList<>(partitionGetters.length);
    for (RowData.FieldGetter g : partitionGetters) {
      Object v = g.getFieldOrNull(row);
      // binary values as buffers: arrays compare by identity, buffers by content
      key.add(v instanceof byte[] bytes ? java.nio.ByteBuffer.wrap(bytes) : v);
    }
    Buffer buffer = buffers.computeIfAbsent(key, k -> new Buffer());
    buffer.rows.add(row);
    buffer.bytes += row.getSizeInBytes();
    bufferedBytes += row.getSizeInBytes();
    if (buffer.bytes >= targetFileSize) {
      writeBuffer(key);
    } else if (bufferedBytes >= targetFileSize) {
      List<Object> largest = null;
      for (Map.Entry<List<Object>, Buffer> e : buffers.entrySet()) {
        if (largest == null || e.getValue().bytes > buffers.get(largest).bytes) {
          largest = e.getKey();
        }
      }
      writeBuffer(largest);
    }
  }

  private void writeBuffer(List<Object> key) {
    Buffer buffer = buffers.remove(key);
    bufferedBytes -= buffer.bytes;
    Map<String, Literal> partition = new LinkedHashMap<>();
    for (int i = 0; i < partitionColumns.size(); i++) {
      String column = partitionColumns.get(i);
      Object v = key.get(i);
      partition.put(
          column,
          RowDataConverter.literal(
              v instanceof java.nio.ByteBuffer b ? b.array() : v,
              schema.get(column).get().getDataType()));
    }
    List<RowData> rows = buffer.rows;
    // batches of a few thousand rows: each is turned into columns while its rows are in cache
    CloseableIterator<ColumnarBatch> batches =
        new CloseableIterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < rows.size();
          }

          @Override
          public ColumnarBatch next() {
            if (!hasNext()) {
              throw new java.util.NoSuchElementException();
            }
            int end = Math.min(rows.size(), next + BATCH_ROWS);
            ColumnarBatch b =
                new RowDataBatch(dataSchema, rowType, dataFields, rows.subList(next, end));
            next = end;
            return b;
          }

          @Override
          public void close() {}
        };
    for (AddFile f : state.writeFiles(engine, partition, batches)) {
      written.add(f.toJson());
      filesWritten.inc();
    }
  }

  @Override
  public void flush(boolean endOfInput) {
    // rows are written in prepareCommit, which follows every flush
  }

  @Override
  public Collection<KeelCommittable.WriteResult> prepareCommit() {
    for (List<Object> key : new ArrayList<>(buffers.keySet())) {
      writeBuffer(key);
    }
    if (written.isEmpty()) {
      return List.of();
    }
    KeelCommittable.WriteResult result = new KeelCommittable.WriteResult(written);
    written.clear();
    return List.of(result);
  }

  @Override
  public void close() {
    buffers.clear();
    engine.close();
  }
}
