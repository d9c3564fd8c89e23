package dev.keel.connectors.trino;

import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.engine.DataFileStatus;
import dev.keel.kernel.engine.FileReadResult;
import dev.keel.kernel.engine.FileSystemClient;
import dev.keel.kernel.engine.ParquetHandler;
import dev.keel.kernel.exceptions.EngineException;
import dev.keel.kernel.expressions.Column;
import dev.keel.kernel.expressions.Predicate;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import dev.keel.kernel.utils.FileStatus;
import io.trino.filesystem.Location;
import io.trino.filesystem.TrinoFileSystem;
import io.trino.filesystem.TrinoInput;
import io.trino.parquet.ParquetReaderOptions;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Keel's Parquet access through Trino's own Parquet reader and writer ({@code trino-parquet}) on a
 * {@link TrinoFileSystem}: data files and checkpoints come back as Trino blocks (see {@link
 * ParquetFilePages}) and are written from them (see {@link TrinoParquetWriters}), with neither
 * Hadoop nor Arrow involved.
 *
 * <p>The predicate hint is not used: Keel has pruned files already, and rows are filtered by Trino.
 */
final class TrinoParquetHandler implements ParquetHandler {
  private final TrinoFileSystem fs;
  private final ParquetReaderOptions options;
  private final TrinoParquetWriters writers;

  /**
   * @param files the same file system as Keel's client, for commits and listings
   * @param targetFileSize the size at which a data file being written is closed and the next begun
   */
  TrinoParquetHandler(TrinoFileSystem fs, FileSystemClient files, long targetFileSize) {
    this.fs = fs;
    this.options = ParquetReaderOptions.defaultOptions();
    this.writers = new TrinoParquetWriters(fs, files, targetFileSize);
  }

  @Override
  public CloseableIterator<FileReadResult> readParquetFiles(
      CloseableIterator<FileStatus> files, StructType physicalSchema, Optional<Predicate> predicate)
      throws IOException {
    return files.flatMap(file -> open(file, physicalSchema, 0, Long.MAX_VALUE));
  }

  @Override
  public CloseableIterator<FileReadResult> readParquetFileRange(
      FileStatus file,
      long start,
      long length,
      StructType physicalSchema,
      Optional<Predicate> predicate)
      throws IOException {
    return open(file, physicalSchema, start, length);
  }

  private CloseableIterator<FileReadResult> open(
      FileStatus file, StructType schema, long start, long length) {
    TrinoInput input;
    try {
      input = fs.newInputFile(Location.of(file.getPath()), file.getSize()).newInput();
    } catch (IOException e) {
      throw new EngineException(
          "Failed to open Parquet file `"
              + file.getPath()
              + "`: "
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage(),
          e);
    }
    return new ParquetFilePages(
        file.getPath(), file.getSize(), input, schema, start, length, options);
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
