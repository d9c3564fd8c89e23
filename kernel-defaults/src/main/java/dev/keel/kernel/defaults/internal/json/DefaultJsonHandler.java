package dev.keel.kernel.defaults.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.data.Row;
import dev.keel.kernel.defaults.internal.arrow.BatchBuilder;
import dev.keel.kernel.engine.FileReadResult;
import dev.keel.kernel.engine.FileSystemClient;
import dev.keel.kernel.engine.JsonHandler;
import dev.keel.kernel.expressions.Predicate;
import dev.keel.kernel.internal.Errors;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import dev.keel.kernel.utils.FileStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The default {@link JsonHandler}: Jackson's streaming parser writing straight into Arrow vectors.
 * Batches hold at most {@code batchSize} rows; each batch has its own child allocator and is
 * closed by the caller.
 */
public final class DefaultJsonHandler implements JsonHandler {
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .build();

  private final FileSystemClient fs;
  private final BufferAllocator allocator;
  private final int batchSize;

  public DefaultJsonHandler(FileSystemClient fs, BufferAllocator allocator, int batchSize) {
    this.fs = fs;
    this.allocator = allocator;
    this.batchSize = batchSize;
  }

  @Override
  public ColumnarBatch parseJson(ColumnVector jsonStrings, StructType outputSchema, Optional<ColumnVector> selectionVector) {
    int n = jsonStrings.getSize();
    try (BatchBuilder builder = new BatchBuilder(allocator, "json-parse", outputSchema)) {
      JsonColumnWriter.Struct root = new JsonColumnWriter.Struct(outputSchema, builder.vectors());
      ColumnVector sel = selectionVector.orElse(null);
      for (int i = 0; i < n; i++) {
        boolean selected = sel == null || (!sel.isNullAt(i) && sel.getBoolean(i));
        if (!selected || jsonStrings.isNullAt(i)) {
          root.writeNull(i);
          continue;
        }
        String text = jsonStrings.getString(i);
        try (JsonParser p = FACTORY.createParser(text)) {
          if (p.nextToken() == null) {
            root.writeNull(i);
            continue;
          }
          root.write(p, i);
          if (p.nextToken() != null) {
            throw Errors.malformedJsonValue("trailing characters after the document `" + abbreviate(text) + "`", null);
          }
        } catch (JsonParseException e) {
          throw Errors.malformedJsonValue(e.getOriginalMessage() + " in `" + abbreviate(text) + "`", e);
        } catch (JsonColumnWriter.ValueException e) {
          throw Errors.malformedJsonValue(e.getMessage() + " in `" + abbreviate(text) + "`", e);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return builder.build(n);
    }
  }

  @Override
  public CloseableIterator<FileReadResult> readJsonFiles(
      CloseableIterator<FileStatus> files, StructType physicalSchema, Optional<Predicate> predicate) {
    return files.flatMap(file -> new FileBatches(file.getPath(), physicalSchema));
  }

  @Override
  public void writeJsonFileAtomically(String path, CloseableIterator<Row> rows, boolean overwrite) throws IOException {
    byte[] content;
    try (rows) {
      content = JsonRowWriter.toJsonLines(rows);
    }
    fs.write(path, content, overwrite);
  }

  private static String abbreviate(String s) {
    return s.length() <= 120 ? s : s.substring(0, 120) + "...";
  }

  /** The batches of one JSON-lines file, parsed lazily. */
  private final class FileBatches implements CloseableIterator<FileReadResult> {
    private final String path;
    private final StructType schema;
    private InputStream in;
    private JsonParser parser;
    private boolean exhausted;
    private FileReadResult pending;

    FileBatches(String path, StructType schema) {
      this.path = path;
      this.schema = schema;
    }

    @Override
    public boolean hasNext() {
      if (pending == null && !exhausted) {
        pending = readBatch();
      }
      return pending != null;
    }

    @Override
    public FileReadResult next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      FileReadResult r = pending;
      pending = null;
      return r;
    }

    private FileReadResult readBatch() {
      try {
        if (parser == null) {
          in = fs.open(path);
          parser = FACTORY.createParser(in);
        }
      } catch (IOException e) {
        exhausted = true;
        throw Errors.engineFailure("open JSON file", path, e);
      }
      try (BatchBuilder builder = new BatchBuilder(allocator, "json-file", schema)) {
        JsonColumnWriter.Struct root = new JsonColumnWriter.Struct(schema, builder.vectors());
        int n = 0;
        while (n < batchSize) {
          JsonToken t = parser.nextToken();
          if (t == null) {
            exhausted = true;
            break;
          }
          if (t != JsonToken.START_OBJECT) {
            throw Errors.malformedJson(path, parser.currentLocation().getLineNr(),
                "expected a JSON object per line but found `" + parser.getText() + "`", null);
          }
          try {
            root.write(parser, n);
          } catch (JsonColumnWriter.ValueException e) {
            throw Errors.malformedJson(path, parser.currentLocation().getLineNr(), e.getMessage(), e);
          }
          n++;
        }
        if (n == 0) {
          closeStreams();
          return null;
        }
        return new FileReadResult(builder.build(n), path);
      } catch (JsonParseException e) {
        exhausted = true;
        throw Errors.malformedJson(path, e.getLocation() == null ? -1 : e.getLocation().getLineNr(), e.getOriginalMessage(), e);
      } catch (IOException e) {
        exhausted = true;
        throw Errors.engineFailure("read JSON file", path, e);
      }
    }

    private void closeStreams() {
      try {
        if (parser != null) {
          parser.close();
        }
        if (in != null) {
          in.close();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        parser = null;
        in = null;
      }
    }

    @Override
    public void close() {
      exhausted = true;
      if (pending != null) {
        pending.close();
        pending = null;
      }
      closeStreams();
    }
  }
}
