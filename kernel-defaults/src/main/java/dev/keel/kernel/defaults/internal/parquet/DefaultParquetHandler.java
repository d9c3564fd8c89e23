package dev.keel.kernel.defaults.internal.parquet;

import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.engine.DataFileStatus;
import dev.keel.kernel.engine.FileReadResult;
import dev.keel.kernel.engine.ParquetHandler;
import dev.keel.kernel.expressions.Column;
import dev.keel.kernel.expressions.Predicate;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import dev.keel.kernel.utils.FileStatus;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.hadoop.conf.Configuration;

/** The default {@link ParquetHandler}: parquet-hadoop decoding straight into Arrow vectors. */
public final class DefaultParquetHandler implements ParquetHandler {
  private final Configuration conf;
  private final dev.keel.kernel.engine.FileSystemClient fs;
  private final BufferAllocator allocator;
  private final int batchSize;
  private final ParquetWriters writers;

  public DefaultParquetHandler(
      Configuration conf,
      BufferAllocator allocator,
      int batchSize,
      long targetFileSize,
      long rowGroupSize,
      dev.keel.kernel.engine.FileSystemClient fs) {
    this.conf = conf;
    this.fs = fs;
    this.allocator = allocator;
    this.batchSize = batchSize;
    this.writers = new ParquetWriters(conf, fs, targetFileSize, rowGroupSize);
  }

  @Override
  public CloseableIterator<FileReadResult> readParquetFiles(
      CloseableIterator<FileStatus> files,
      StructType physicalSchema,
      Optional<Predicate> predicate) {
    return files.flatMap(
        f ->
            new ParquetFileBatches(
                f.getPath(), physicalSchema, predicate, conf, fs, allocator, batchSize));
  }

  @Override
  public CloseableIterator<FileReadResult> readParquetFileRange(
      FileStatus file,
      long start,
      long length,
      StructType physicalSchema,
      Optional<Predicate> predicate) {
    long end = length >= Long.MAX_VALUE - start ? Long.MAX_VALUE : start + length;
    return new ParquetFileBatches(
        file.getPath(), physicalSchema, predicate, conf, fs, allocator, batchSize, start, end);
  }

  @Override
  public CloseableIterator<DataFileStatus> writeParquetFiles(
      String directoryPath, CloseableIterator<ColumnarBatch> data, List<Column> statsColumns)
      throws IOException {
    return writers.writeFiles(directoryPath, data, statsColumns);
  }

  @Override
  public void writeParquetFileAtomically(String filePath, CloseableIterator<ColumnarBatch> data)
      throws IOException {
    writers.writeFileAtomically(filePath, data);
  }
}
