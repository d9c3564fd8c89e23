package dev.keel.kernel.engine;

import dev.keel.kernel.annotations.Stable;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.data.Row;
import dev.keel.kernel.exceptions.MalformedDataException;
import dev.keel.kernel.exceptions.PathAlreadyExistsException;
import dev.keel.kernel.expressions.Predicate;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import dev.keel.kernel.utils.FileStatus;
import java.io.IOException;
import java.util.Optional;

/**
 * JSON decoding and encoding for the kernel: the Delta log's commit files, {@code
 * _last_checkpoint}, checksum files, and JSON strings inside actions (stats, partition values).
 *
 * <p>Decoding is driven by a schema: fields not in the schema are skipped, fields missing from a
 * document are null. Values: JSON numbers for numeric types, strings for strings, dates ({@code
 * yyyy-MM-dd}), timestamps (ISO-8601) and decimals, the strings {@code "NaN"}, {@code "Infinity"}
 * and {@code "-Infinity"} for floats, objects for structs and maps (string keys), arrays for
 * arrays. A field of type string receiving a JSON object or array keeps the JSON text.
 */
@Stable
public interface JsonHandler {

  /**
   * Parses each string of {@code jsonStrings} (a string vector) into one row of the result. A null
   * string, or one not selected, gives a row of nulls.
   *
   * @param jsonStrings the JSON documents
   * @param outputSchema the schema of the result
   * @param selectionVector which rows to parse, or empty for all
   * @return a batch with one row per input slot; the caller closes it
   * @throws MalformedDataException if a document is not valid JSON or a value does not fit its type
   */
  ColumnarBatch parseJson(
      ColumnVector jsonStrings, StructType outputSchema, Optional<ColumnVector> selectionVector);

  /**
   * Reads JSON-lines files (one document per line; blank lines are skipped) in order, as batches of
   * {@code physicalSchema}. Each file's batches come before the next file's.
   *
   * @param files the files to read, in order; closed by the returned iterator
   * @param physicalSchema the schema of the result
   * @param predicate an optional hint; implementations may ignore it
   * @return the batches; the caller closes the iterator and each batch
   * @throws MalformedDataException (when iterating) naming the file and line of a bad document
   * @throws IOException if the files cannot be opened
   */
  CloseableIterator<FileReadResult> readJsonFiles(
      CloseableIterator<FileStatus> files, StructType physicalSchema, Optional<Predicate> predicate)
      throws IOException;

  /**
   * Writes {@code rows} as a JSON-lines file atomically (all or nothing): one compact document per
   * row, null fields left out.
   *
   * @param path the file to write
   * @param rows the rows; closed by this call
   * @param overwrite whether to replace an existing file; if false, this is put-if-absent
   * @throws PathAlreadyExistsException if {@code overwrite} is false and the file exists
   * @throws IOException on other failures
   */
  void writeJsonFileAtomically(String path, CloseableIterator<Row> rows, boolean overwrite)
      throws IOException;
}
