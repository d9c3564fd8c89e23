package dev.keel.kernel.defaults.internal.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.defaults.internal.arrow.BatchBuilder;
import dev.keel.kernel.engine.FileReadResult;
import dev.keel.kernel.exceptions.MalformedDataException;
import dev.keel.kernel.internal.Errors;
import dev.keel.kernel.internal.data.Batches;
import dev.keel.kernel.internal.data.NullColumnVector;
import dev.keel.kernel.internal.util.LookAheadIterator;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import org.apache.arrow.memory.BufferAllocator;

/** The batches of one JSON-lines file, or of one block of its lines, parsed lazily. */
final class JsonFileBatches extends LookAheadIterator<FileReadResult> {
  /** Opens the bytes to parse. */
  interface Source {
    InputStream open() throws IOException;
  }

  private final BufferAllocator allocator;
  private final int batchSize;
  private final String path;
  private final StructType schema;
  private final byte[][] wanted;
  private final long size;
  private final Source source;
  private final LongSupplier lineBase;
  private final LongConsumer onClose;
  private InputStream in;
  private JsonLines lines;
  private long linesRead;
  private boolean exhausted;

  /**
   * @param wanted the schema's top-level names as UTF-8 ({@link JsonLines#names}), made once per
   *     read, not per file
   * @param lineBase how many lines of the file come before these (for error messages)
   * @param onClose told how many lines were read, once closed; null when nobody asks
   */
  JsonFileBatches(
      BufferAllocator allocator,
      int batchSize,
      String path,
      long size,
      StructType schema,
      byte[][] wanted,
      Source source,
      LongSupplier lineBase,
      LongConsumer onClose) {
    this.allocator = allocator;
    this.batchSize = batchSize;
    this.path = path;
    this.size = size;
    this.schema = schema;
    this.source = source;
    this.lineBase = lineBase;
    this.onClose = onClose;
    this.wanted = wanted;
  }

  private MalformedDataException malformed(long line, String detail, Throwable cause) {
    return Errors.malformedJson(path, line < 0 ? -1 : lineBase.getAsLong() + line, detail, cause);
  }

  @Override
  protected FileReadResult computeNext() {
    return exhausted ? null : readBatch();
  }

  private FileReadResult readBatch() {
    Pack pack = new Pack(allocator, schema, expectedRows());
    try {
      int n = fill(pack, batchSize);
      if (n == 0) {
        closeStreams();
        return null;
      }
      return new FileReadResult(pack.build(n), path);
    } finally {
      pack.close();
    }
  }

  /**
   * Rows written into vectors that may be shared by several files' lines ({@link JsonFilePacks}):
   * the Arrow vectors are made only once some line needs parsing, so rows of lines that are all
   * nulls (most commit files when only protocol and metadata are wanted) hold no memory.
   */
  static final class Pack implements AutoCloseable {
    private final BufferAllocator allocator;
    private final StructType schema;
    private final int expectedRows;
    private BatchBuilder builder;
    private JsonColumnWriter.Struct root;

    /** How many rows the pack holds so far. */
    int rows;

    Pack(BufferAllocator allocator, StructType schema, int expectedRows) {
      this.allocator = allocator;
      this.schema = schema;
      this.expectedRows = expectedRows;
    }

    JsonColumnWriter.Struct root() {
      if (builder == null) {
        builder = BatchBuilder.lazy(allocator, "json-file", schema, expectedRows);
        root = new JsonColumnWriter.Struct(schema, builder::vector, expectedRows);
      }
      return root;
    }

    /** The first {@code n} rows as a batch, which owns what the pack allocated. */
    ColumnarBatch build(int n) {
      if (builder == null) {
        List<ColumnVector> nulls = new ArrayList<>();
        for (StructField f : schema.getFields()) {
          nulls.add(new NullColumnVector(f.getDataType(), n));
        }
        return new Batches.VectorBatch(schema, nulls, n, List.of());
      }
      ColumnarBatch batch = builder.buildBatch(n);
      builder = null;
      return batch;
    }

    /** Frees what the pack allocated, unless it was built. */
    @Override
    public void close() {
      if (builder != null) {
        builder.close();
        builder = null;
      }
    }
  }

  /** The path of the file, as given. */
  String path() {
    return path;
  }

  /** Whether every line of the file has been read. */
  boolean exhausted() {
    return exhausted;
  }

  /**
   * Reads lines of the file into {@code pack} from its row {@link Pack#rows}, up to {@code limit}
   * rows, and advances {@code pack.rows}; at the file's end, marks it {@linkplain #exhausted
   * exhausted} and closes its stream.
   *
   * @return how many rows were added
   */
  int fill(Pack pack, int limit) {
    try {
      if (lines == null) {
        if (source instanceof JsonBlocks.Block) {
          lines = new JsonLines((JsonBlocks.Block) source); // parsed where it lies, not copied
        } else {
          in = source.open();
          lines = new JsonLines(in, JsonLines.chunkFor(size));
        }
      }
    } catch (IOException e) {
      exhausted = true;
      throw Errors.engineFailure("open JSON file", path, e);
    }
    // Consecutive lines that need parsing are read by one parser over their bytes; a line
    // whose only field is unwanted is a row of nulls without parsing.
    int base = pack.rows;
    try {
      int n = 0;
      int runStart = 0;
      int runEnd = 0;
      int runCount = 0;
      long runLine = 0;
      while (n + runCount < limit) {
        if (runCount > 0 && !lines.nextNeedsNoRead()) {
          n += parseRun(pack.root(), base + n, runStart, runEnd, runCount, runLine);
          runCount = 0;
        }
        int skipped = lines.skipUnwanted(wanted, limit - n - runCount);
        if (skipped > 0) {
          if (runCount > 0) {
            n += parseRun(pack.root(), base + n, runStart, runEnd, runCount, runLine);
            runCount = 0;
          }
          n += skipped; // rows of nulls
          continue;
        }
        if (!lines.next()) {
          exhausted = true;
          break;
        }
        if (!lines.judgedNotUnwanted()
            && JsonLines.isUnwantedSingleField(lines.buffer(), lines.start, lines.end, wanted)) {
          if (runCount > 0) {
            n += parseRun(pack.root(), base + n, runStart, runEnd, runCount, runLine);
            runCount = 0;
          }
          n++; // validity bits start cleared: the row is null in every column
        } else {
          if (runCount == 0) {
            runStart = lines.start;
            runLine = lines.lineNumber();
          }
          runEnd = lines.end;
          runCount++;
        }
      }
      if (runCount > 0) {
        n += parseRun(pack.root(), base + n, runStart, runEnd, runCount, runLine);
      }
      pack.rows = base + n;
      if (exhausted) {
        closeStreams();
      }
      return n;
    } catch (IOException e) {
      exhausted = true;
      throw Errors.engineFailure("read JSON file", path, e);
    }
  }

  /**
   * A guess at the rows of the next batch: a small file gets small vectors (about 100 bytes a
   * line).
   */
  private int expectedRows() {
    return size <= 0 ? -1 : (int) Math.max(8, Math.min(batchSize, size / 100));
  }

  /**
   * Parses {@code count} documents, one per line, from the buffer's bytes {@code [s, e)} into rows
   * from {@code row}.
   */
  private int parseRun(
      JsonColumnWriter.Struct root, int row, int s, int e, int count, long firstLine) {
    JsonReader reader = new JsonReader(lines.buffer(), s, e);
    try {
      for (int k = 0; k < count; k++) {
        int t = reader.next();
        if (t != JsonReader.START_OBJECT) {
          throw malformed(
              firstLine + reader.lineOfToken() - 1,
              "expected a JSON object per line but found `" + reader.text() + "`",
              null);
        }
        try {
          root.write(reader, row + k);
        } catch (JsonColumnWriter.ValueException ex) {
          throw malformed(firstLine + reader.lineOfToken() - 1, ex.getMessage(), ex);
        }
      }
      if (reader.next() != JsonReader.END) {
        throw malformed(
            firstLine + reader.lineOfToken() - 1,
            "expected one JSON document per line but found more",
            null);
      }
    } catch (JsonReader.SyntaxError ex) {
      exhausted = true;
      JsonProcessingException jackson =
          JsonReader.jacksonError(DefaultJsonHandler.FACTORY, lines.buffer(), s, e);
      if (jackson == null) {
        throw malformed(firstLine + reader.lineOfToken() - 1, "the line is not valid JSON", null);
      }
      throw malformed(
          jackson.getLocation() == null ? -1 : firstLine + jackson.getLocation().getLineNr() - 1,
          jackson.getOriginalMessage(),
          jackson);
    }
    return count;
  }

  private void closeStreams() {
    if (lines != null) {
      linesRead = lines.lineNumber();
    }
    try {
      if (in != null) {
        in.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      lines = null;
      in = null;
    }
  }

  @Override
  protected void closeSource() {
    exhausted = true;
    try {
      closeStreams();
    } finally {
      if (onClose != null) {
        onClose.accept(linesRead);
      }
    }
  }
}
