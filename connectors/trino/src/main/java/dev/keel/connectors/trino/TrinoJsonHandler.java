package dev.keel.connectors.trino;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.data.Row;
import dev.keel.kernel.data.Utf8Vector;
import dev.keel.kernel.engine.FileReadResult;
import dev.keel.kernel.engine.FileSystemClient;
import dev.keel.kernel.engine.JsonHandler;
import dev.keel.kernel.exceptions.EngineException;
import dev.keel.kernel.exceptions.MalformedDataException;
import dev.keel.kernel.expressions.Predicate;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import dev.keel.kernel.utils.FileStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Keel's JSON access on Trino's parts: Jackson's streaming parser (Trino's own) reads log files and
 * JSON strings into Trino blocks (see {@link JsonBlockReader}); commit files are written with
 * Jackson and committed through the catalog's {@link FileSystemClient}. No Arrow, no Hadoop.
 */
final class TrinoJsonHandler implements JsonHandler {
  /** Rows per batch of a log file: a commit of a large table holds thousands of actions. */
  static final int BATCH_ROWS = 4096;

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
          .build();

  private final FileSystemClient files;

  TrinoJsonHandler(FileSystemClient files) {
    this.files = files;
  }

  @Override
  public ColumnarBatch parseJson(
      ColumnVector jsonStrings, StructType outputSchema, Optional<ColumnVector> selectionVector) {
    int n = jsonStrings.getSize();
    JsonBlockReader reader = new JsonBlockReader(outputSchema, n);
    Utf8Vector utf8 = jsonStrings instanceof Utf8Vector u ? u : null;
    byte[] buffer = new byte[256];
    for (int i = 0; i < n; i++) {
      if (jsonStrings.isNullAt(i) || !selected(selectionVector, i)) {
        reader.appendNullRow();
        continue;
      }
      byte[] bytes;
      int length;
      if (utf8 != null) {
        length = utf8.utf8Length(i);
        if (length > buffer.length) {
          buffer = new byte[Math.max(length, buffer.length * 2)];
        }
        utf8.copyUtf8(i, buffer);
        bytes = buffer;
      } else {
        bytes = jsonStrings.getString(i).getBytes(StandardCharsets.UTF_8);
        length = bytes.length;
      }
      try (JsonParser p = FACTORY.createParser(bytes, 0, length)) {
        p.nextToken();
        reader.append(p);
        if (p.nextToken() != null) {
          throw new JsonValueError("text follows the document");
        }
      } catch (JsonBlockReader.JsonValueException | JsonValueError | JsonProcessingException e) {
        throw new MalformedDataException(
            "Malformed JSON value: "
                + detail(e)
                + " in `"
                + abbreviate(new String(bytes, 0, length, StandardCharsets.UTF_8))
                + "`.",
            e);
      } catch (IOException e) {
        throw new IllegalStateException("Reading JSON from memory failed", e);
      }
    }
    return reader.build();
  }

  private static boolean selected(Optional<ColumnVector> selection, int i) {
    if (selection.isEmpty()) {
      return true;
    }
    ColumnVector s = selection.get();
    return !s.isNullAt(i) && s.getBoolean(i);
  }

  private static String detail(Exception e) {
    return e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
  }

  private static String abbreviate(String s) {
    return s.length() <= 100 ? s : s.substring(0, 100) + "...";
  }

  /** A document that is valid JSON but not one document. */
  private static final class JsonValueError extends RuntimeException {
    JsonValueError(String message) {
      super(message);
    }
  }

  @Override
  public CloseableIterator<FileReadResult> readJsonFiles(
      CloseableIterator<FileStatus> files,
      StructType physicalSchema,
      Optional<Predicate> predicate) {
    return files.flatMap(file -> new FileBatches(file.getPath(), physicalSchema));
  }

  @Override
  public void writeJsonFileAtomically(String path, CloseableIterator<Row> rows, boolean overwrite)
      throws IOException {
    byte[] content;
    try (rows) {
      content = JsonLinesWriter.toJsonLines(rows);
    }
    files.write(path, content, overwrite);
  }

  /** The batches of one JSON-lines file, opened on the first call. */
  private final class FileBatches implements CloseableIterator<FileReadResult> {
    private final String path;
    private final StructType schema;
    private InputStream in;
    private JsonParser parser;
    private FileReadResult next;
    private boolean done;

    FileBatches(String path, StructType schema) {
      this.path = path;
      this.schema = schema;
    }

    @Override
    public boolean hasNext() {
      if (next == null && !done) {
        next = readBatch();
        done = next == null;
      }
      return next != null;
    }

    @Override
    public FileReadResult next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      FileReadResult result = next;
      next = null;
      return result;
    }

    private FileReadResult readBatch() {
      if (parser == null) {
        try {
          in = files.open(path);
          parser = FACTORY.createParser(in);
        } catch (IOException e) {
          close();
          throw new EngineException(
              "Failed to open JSON file `"
                  + path
                  + "`: "
                  + e.getClass().getSimpleName()
                  + ": "
                  + e.getMessage(),
              e);
        }
      }
      JsonBlockReader reader = new JsonBlockReader(schema, BATCH_ROWS);
      try {
        while (reader.rows() < BATCH_ROWS && parser.nextToken() != null) {
          reader.append(parser);
        }
      } catch (JsonBlockReader.JsonValueException | JsonProcessingException e) {
        long line = parser.currentLocation().getLineNr();
        close();
        throw new MalformedDataException(
            "Malformed JSON in `"
                + path
                + "` at line "
                + line
                + ": "
                + detail(e)
                + ". The file is corrupt or was not written by a Delta writer.",
            e);
      } catch (IOException e) {
        close();
        throw new EngineException(
            "Failed to read JSON file `"
                + path
                + "`: "
                + e.getClass().getSimpleName()
                + ": "
                + e.getMessage(),
            e);
      }
      if (reader.rows() == 0) {
        close();
        return null;
      }
      return new FileReadResult(reader.build(), path);
    }

    @Override
    public void close() {
      done = true;
      try {
        if (parser != null) {
          parser.close();
        }
        if (in != null) {
          in.close();
        }
      } catch (IOException e) {
        // nothing was written; a failed close of a read stream loses nothing
      }
    }
  }
}
