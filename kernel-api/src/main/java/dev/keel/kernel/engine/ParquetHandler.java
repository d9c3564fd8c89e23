package dev.keel.kernel.engine;

import dev.keel.kernel.annotations.Stable;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.exceptions.MalformedDataException;
import dev.keel.kernel.exceptions.PathAlreadyExistsException;
import dev.keel.kernel.expressions.Column;
import dev.keel.kernel.expressions.Predicate;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import dev.keel.kernel.utils.FileStatus;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Parquet decoding and encoding: data files and checkpoint files.
 *
 * <p>Columns are matched to {@code physicalSchema} fields by Parquet field id when the field
 * carries {@code parquet.field.id} in its metadata, otherwise by name. A requested nullable field
 * the file does not have reads as nulls; a missing non-nullable field is an error. The field {@link
 * MetadataColumns#ROW_INDEX} reads as each row's position in its file (0-based, counted across row
 * groups, also across skipped ones).
 */
@Stable
public interface ParquetHandler {

  /**
   * Reads Parquet files in order as batches of {@code physicalSchema}.
   *
   * @param files the files, in order; closed by the returned iterator
   * @param physicalSchema the columns to read
   * @param predicate an optional hint: the reader may skip row groups whose footer statistics prove
   *     no row can satisfy it, but it never filters rows inside a row group, so callers must still
   *     apply the predicate themselves
   * @return the batches with the path of their file; the caller closes the iterator and each batch
   * @throws MalformedDataException (when iterating) if a file is corrupt or a column's Parquet type
   *     cannot be read as the requested type
   * @throws IOException if a file cannot be opened
   */
  CloseableIterator<FileReadResult> readParquetFiles(
      CloseableIterator<FileStatus> files, StructType physicalSchema, Optional<Predicate> predicate)
      throws IOException;

  /**
   * Reads part of one Parquet file, for engines that split large files among readers: the row
   * groups whose midpoint (first byte plus half their compressed size) lies in {@code [start, start
   * + length)}. Ranges that tile {@code [0, size)} read every row group exactly once. {@link
   * MetadataColumns#ROW_INDEX} still counts from the file's first row.
   *
   * <p>The default reads the whole file for a range that covers it and refuses any other: an engine
   * that does not override it cannot split files.
   *
   * @param file the file
   * @param start the first byte of the range
   * @param length the range's length in bytes
   * @param physicalSchema the columns to read
   * @param predicate an optional hint, as for {@link #readParquetFiles}
   * @return the batches; the caller closes the iterator and each batch
   * @throws UnsupportedOperationException if this handler cannot read part of a file
   * @throws IOException if the file cannot be opened
   */
  default CloseableIterator<FileReadResult> readParquetFileRange(
      FileStatus file,
      long start,
      long length,
      StructType physicalSchema,
      Optional<Predicate> predicate)
      throws IOException {
    if (start <= 0 && length >= file.getSize()) {
      return readParquetFiles(CloseableIterator.of(List.of(file)), physicalSchema, predicate);
    }
    throw new UnsupportedOperationException(
        getClass().getName() + " does not implement ParquetHandler.readParquetFileRange");
  }

  /**
   * Writes batches as Parquet data files under {@code directoryPath}, starting a new file when the
   * current one reaches the handler's target size, and returns one status per file with the Delta
   * statistics of {@code statsColumns}.
   *
   * @param directoryPath the directory to write into (created if missing)
   * @param data the batches, all of one schema; closed by this call
   * @param statsColumns the (leaf) columns to collect min/max/null counts for
   * @return the written files; the caller closes the iterator
   * @throws IOException on failure; files written before the failure are deleted
   */
  CloseableIterator<DataFileStatus> writeParquetFiles(
      String directoryPath, CloseableIterator<ColumnarBatch> data, List<Column> statsColumns)
      throws IOException;

  /**
   * Writes batches as one Parquet file, atomically (a checkpoint part, for example).
   *
   * @param filePath the file
   * @param data the batches, all of one schema; closed by this call
   * @throws PathAlreadyExistsException if the file exists
   * @throws IOException on other failures
   */
  void writeParquetFileAtomically(String filePath, CloseableIterator<ColumnarBatch> data)
      throws IOException;
}
