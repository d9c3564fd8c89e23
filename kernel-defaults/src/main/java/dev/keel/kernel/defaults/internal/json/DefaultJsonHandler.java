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
import dev.keel.kernel.exceptions.MalformedDataException;
import dev.keel.kernel.expressions.Predicate;
import dev.keel.kernel.internal.Errors;
import dev.keel.kernel.internal.data.Batches;
import dev.keel.kernel.internal.data.NullColumnVector;
import dev.keel.kernel.internal.util.ReadAhead;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import dev.keel.kernel.utils.FileStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
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
  private final int parallelism;
  private final int blockBytes;
  private final JsonBlocks.Buffers blockBuffers;

  /**
   * @param parallelism how many blocks of one large file may be parsed at once (1: one file is
   *     parsed by one thread)
   */
  public DefaultJsonHandler(FileSystemClient fs, BufferAllocator allocator, int batchSize, int parallelism) {
    this(fs, allocator, batchSize, parallelism, JsonBlocks.DEFAULT_BLOCK_BYTES);
  }

  /**
   * @param blockBytes about how many bytes of lines each parallel block holds; files of at least
   *     two blocks are parsed in blocks (tests use small blocks)
   */
  DefaultJsonHandler(FileSystemClient fs, BufferAllocator allocator, int batchSize, int parallelism, int blockBytes) {
    this.fs = fs;
    this.allocator = allocator;
    this.batchSize = batchSize;
    this.parallelism = parallelism;
    this.blockBytes = blockBytes;
    this.blockBuffers = new JsonBlocks.Buffers(blockBytes, 2 * parallelism + 2);
  }

  @Override
  public ColumnarBatch parseJson(ColumnVector jsonStrings, StructType outputSchema, Optional<ColumnVector> selectionVector) {
    int n = jsonStrings.getSize();
    try (BatchBuilder builder = new BatchBuilder(allocator, "json-parse", outputSchema, Math.max(1, n))) {
      JsonColumnWriter.Struct root = new JsonColumnWriter.Struct(outputSchema, builder::vector);
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
    return files.flatMap(file -> {
      if (parallelism <= 1 || file.getSize() < 2L * blockBytes) {
        return new FileBatches(file.getPath(), file.getSize(), physicalSchema, () -> fs.open(file.getPath()), () -> 0, null);
      }
      return inBlocks(file, physicalSchema);
    });
  }

  /**
   * A large file read as consecutive blocks of whole lines, parsed on background threads, several
   * at once, batches handed out in file order. A block's line numbers (for error messages) start
   * where the previous block's end, which is known once that block is parsed; only an error waits
   * for it.
   */
  private CloseableIterator<FileReadResult> inBlocks(FileStatus file, StructType schema) {
    String path = file.getPath();
    AtomicReference<CompletableFuture<Long>> previousEnd =
        new AtomicReference<>(CompletableFuture.completedFuture(0L));
    CloseableIterator<FileBatches> blocks = new JsonBlocks(path, () -> fs.open(path), blockBuffers).map(block -> {
      CompletableFuture<Long> start = previousEnd.get();
      CompletableFuture<Long> end = new CompletableFuture<>();
      previousEnd.set(end);
      return new FileBatches(path, block.length(), schema, block, start::join,
          lines -> {
            start.thenAccept(s -> end.complete(s + lines));
            blockBuffers.give(block.bytes()); // parsed: its batches hold copies
          });
    });
    return ReadAhead.ordered(blocks, parallelism, b -> b);
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

  /** Opens the bytes to parse. */
  interface Source {
    InputStream open() throws IOException;
  }

  /** The batches of one JSON-lines file, or of one block of its lines, parsed lazily. */
  private final class FileBatches implements CloseableIterator<FileReadResult> {
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
    private boolean closed;
    private FileReadResult pending;

    /**
     * @param lineBase how many lines of the file come before these (for error messages)
     * @param onClose told how many lines were read, once closed; null when nobody asks
     */
    FileBatches(String path, long size, StructType schema, Source source, LongSupplier lineBase,
        LongConsumer onClose) {
      this.path = path;
      this.size = size;
      this.schema = schema;
      this.source = source;
      this.lineBase = lineBase;
      this.onClose = onClose;
      this.wanted = JsonLines.names(schema.fieldNames());
    }

    private MalformedDataException malformed(long line, String detail, Throwable cause) {
      return Errors.malformedJson(path, line < 0 ? -1 : lineBase.getAsLong() + line, detail, cause);
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
      // whose only field is unwanted is a row of nulls without parsing. The Arrow vectors are
      // made only once some line needs parsing: a batch of such lines alone (most commit files
      // when only protocol and metadata are wanted) holds no memory.
      BatchBuilder builder = null;
      try {
        JsonColumnWriter.Struct root = null;
        int n = 0;
        int runStart = 0;
        int runEnd = 0;
        int runCount = 0;
        long runLine = 0;
        while (n + runCount < batchSize) {
          if (runCount > 0 && !lines.nextNeedsNoRead()) {
            n += parseRun(root, n, runStart, runEnd, runCount, runLine);
            runCount = 0;
          }
          if (!lines.next()) {
            exhausted = true;
            break;
          }
          if (JsonLines.isUnwantedSingleField(lines.buffer(), lines.start, lines.end, wanted)) {
            if (runCount > 0) {
              n += parseRun(root, n, runStart, runEnd, runCount, runLine);
              runCount = 0;
            }
            n++; // validity bits start cleared: the row is null in every column
          } else {
            if (builder == null) {
              builder = BatchBuilder.lazy(allocator, "json-file", schema, expectedRows());
              root = new JsonColumnWriter.Struct(schema, builder::vector);
            }
            if (runCount == 0) {
              runStart = lines.start;
              runLine = lines.lineNumber();
            }
            runEnd = lines.end;
            runCount++;
          }
        }
        if (runCount > 0) {
          n += parseRun(root, n, runStart, runEnd, runCount, runLine);
        }
        if (n == 0) {
          closeStreams();
          return null;
        }
        if (builder == null) {
          List<ColumnVector> nulls = new ArrayList<>();
          for (StructField f : schema.getFields()) {
            nulls.add(new NullColumnVector(f.getDataType(), n));
          }
          return new FileReadResult(new Batches.VectorBatch(schema, nulls, n, List.of()), path);
        }
        FileReadResult result = new FileReadResult(builder.buildBatch(n), path);
        builder = null;
        return result;
      } catch (IOException e) {
        exhausted = true;
        throw Errors.engineFailure("read JSON file", path, e);
      } finally {
        if (builder != null) {
          builder.close();
        }
      }
    }

    /** A guess at the rows of the next batch: a small file gets small vectors (about 100 bytes a line). */
    private int expectedRows() {
      return size <= 0 ? -1 : (int) Math.max(8, Math.min(batchSize, size / 100));
    }

    /** Parses {@code count} documents, one per line, from the buffer's bytes {@code [s, e)} into rows from {@code row}. */
    private int parseRun(JsonColumnWriter.Struct root, int row, int s, int e, int count, long firstLine) throws IOException {
      try (JsonParser parser = FACTORY.createParser(lines.buffer(), s, e - s)) {
        for (int k = 0; k < count; k++) {
          JsonToken t = parser.nextToken();
          if (t != JsonToken.START_OBJECT) {
            throw malformed(firstLine + k,
                "expected a JSON object per line but found `" + (t == null ? "" : parser.getText()) + "`", null);
          }
          try {
            root.write(parser, row + k);
          } catch (JsonColumnWriter.ValueException ex) {
            throw malformed(firstLine + parser.currentLocation().getLineNr() - 1, ex.getMessage(), ex);
          }
        }
        if (parser.nextToken() != null) {
          throw malformed(firstLine + parser.currentLocation().getLineNr() - 1,
              "expected one JSON document per line but found more", null);
        }
      } catch (JsonParseException ex) {
        exhausted = true;
        throw malformed(ex.getLocation() == null ? -1 : firstLine + ex.getLocation().getLineNr() - 1,
            ex.getOriginalMessage(), ex);
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
    public void close() {
      exhausted = true;
      if (pending != null) {
        pending.close();
        pending = null;
      }
      try {
        closeStreams();
      } finally {
        if (!closed && onClose != null) {
          onClose.accept(linesRead);
        }
        closed = true;
      }
    }
  }
}
