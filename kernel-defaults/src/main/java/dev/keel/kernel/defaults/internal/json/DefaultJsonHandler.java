package dev.keel.kernel.defaults.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.data.Row;
import dev.keel.kernel.data.Utf8Vector;
import dev.keel.kernel.defaults.internal.arrow.BatchBuilder;
import dev.keel.kernel.engine.FileReadResult;
import dev.keel.kernel.engine.FileSystemClient;
import dev.keel.kernel.engine.JsonHandler;
import dev.keel.kernel.expressions.Predicate;
import dev.keel.kernel.internal.Errors;
import dev.keel.kernel.internal.util.LookAheadIterator;
import dev.keel.kernel.internal.util.ReadAhead;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import dev.keel.kernel.utils.FileStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The default {@link JsonHandler}: our own tokenizer ({@link JsonReader}) writing straight into
 * Arrow vectors; Jackson names the errors in malformed input and writes JSON. Batches hold at most
 * {@code batchSize} rows and is closed by the caller; a batch has its own child allocator, or
 * shares one with the batches of the small files read with it ({@link JsonFilePacks}).
 */
public final class DefaultJsonHandler implements JsonHandler {
  static final JsonFactory FACTORY =
      JsonFactory.builder().enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();

  private final FileSystemClient fs;
  private final BufferAllocator allocator;
  private final int batchSize;
  private final int parallelism;
  private final Optional<Executor> executor;
  private final int blockBytes;
  private final JsonBlocks.Buffers blockBuffers;

  /**
   * @param parallelism how many threads may parse the blocks of one large file at once (the caller
   *     reads the blocks, and a parsed block waits for those before it, so a few blocks per thread
   *     are in flight); 1: one file is parsed by one thread
   */
  public DefaultJsonHandler(
      FileSystemClient fs,
      BufferAllocator allocator,
      int batchSize,
      int parallelism,
      Optional<Executor> executor) {
    this(fs, allocator, batchSize, parallelism, executor, JsonBlocks.DEFAULT_BLOCK_BYTES);
  }

  /**
   * @param blockBytes about how many bytes of lines each parallel block holds; files of at least
   *     two blocks are parsed in blocks (tests use small blocks)
   */
  DefaultJsonHandler(
      FileSystemClient fs,
      BufferAllocator allocator,
      int batchSize,
      int parallelism,
      Optional<Executor> executor,
      int blockBytes) {
    this.executor = executor;
    this.fs = fs;
    this.allocator = allocator;
    this.batchSize = batchSize;
    this.parallelism = parallelism;
    this.blockBytes = blockBytes;
    // block buffers kept for two large files read at once (a listing on two cores reads two
    // commits at a time), each with its blocks in flight and the next being read, at most
    // MAX_KEPT_BUFFERS; a block beyond them gets a new buffer
    this.blockBuffers =
        new JsonBlocks.Buffers(
            blockBytes,
            Math.min(MAX_KEPT_BUFFERS, 2 * (BLOCKS_IN_FLIGHT_PER_THREAD * parallelism + 2)));
  }

  @Override
  public ColumnarBatch parseJson(
      ColumnVector jsonStrings, StructType outputSchema, Optional<ColumnVector> selectionVector) {
    int n = jsonStrings.getSize();
    try (BatchBuilder builder =
        new BatchBuilder(allocator, "json-parse", outputSchema, Math.max(1, n))) {
      JsonColumnWriter.Struct root = new JsonColumnWriter.Struct(outputSchema, builder::vector, -1);
      ColumnVector sel = selectionVector.orElse(null);
      for (int i = 0; i < n; i++) {
        boolean selected = sel == null || (!sel.isNullAt(i) && sel.getBoolean(i));
        if (!selected || jsonStrings.isNullAt(i)) {
          root.writeNull(i);
          continue;
        }
        // UTF-8 vectors hand over their bytes without a String in between
        byte[] bytes;
        if (jsonStrings instanceof Utf8Vector) {
          Utf8Vector utf8 = (Utf8Vector) jsonStrings;
          bytes = new byte[utf8.utf8Length(i)];
          utf8.copyUtf8(i, bytes);
        } else {
          bytes = jsonStrings.getString(i).getBytes(StandardCharsets.UTF_8);
        }
        JsonReader reader = new JsonReader(bytes, 0, bytes.length);
        try {
          if (reader.next() == JsonReader.END) {
            root.writeNull(i);
            continue;
          }
          root.write(reader, i);
          if (reader.next() != JsonReader.END) {
            throw Errors.malformedJsonValue(
                "trailing characters after the document `" + abbreviate(bytes) + "`", null);
          }
        } catch (JsonReader.SyntaxError e) {
          JsonProcessingException jackson =
              JsonReader.jacksonError(FACTORY, bytes, 0, bytes.length);
          String detail = jackson == null ? "not valid JSON" : jackson.getOriginalMessage();
          throw Errors.malformedJsonValue(detail + " in `" + abbreviate(bytes) + "`", jackson);
        } catch (JsonColumnWriter.ValueException e) {
          throw Errors.malformedJsonValue(e.getMessage() + " in `" + abbreviate(bytes) + "`", e);
        }
      }
      return builder.build(n);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Consecutive files of at most {@value #SMALL_FILE_BYTES} bytes are read together, up to
   * {@value #PACK_FILES} files and {@value #PACK_BYTES} bytes at a time: their rows share one set
   * of vectors, and each file's batch is a window of them ({@link JsonFilePacks}); such a batch is
   * not an Arrow batch of its own. Files of at least two blocks are read in blocks, parsed on the
   * executor.
   */
  @Override
  public CloseableIterator<FileReadResult> readJsonFiles(
      CloseableIterator<FileStatus> files,
      StructType physicalSchema,
      Optional<Predicate> predicate) {
    byte[][] wanted = JsonLines.names(physicalSchema.fieldNames());
    return new Runs(files)
        .flatMap(
            run -> {
              if (run.size() > 1) {
                return new JsonFilePacks(
                    allocator,
                    physicalSchema,
                    batchSize,
                    run,
                    f -> whole(f, physicalSchema, wanted));
              }
              FileStatus file = run.get(0);
              if (parallelism <= 1 || executor.isEmpty() || file.getSize() < 2L * blockBytes) {
                return whole(file, physicalSchema, wanted);
              }
              return inBlocks(file, physicalSchema, wanted);
            });
  }

  /** A file of at most this many bytes is read together with its small neighbours... */
  static final int SMALL_FILE_BYTES = 64 << 10;

  /** ...up to this many files... */
  static final int PACK_FILES = 64;

  /** ...and about this many bytes. */
  static final int PACK_BYTES = 1 << 20;

  /** One file read whole by the calling thread. */
  private JsonFileBatches whole(FileStatus file, StructType schema, byte[][] wanted) {
    return new JsonFileBatches(
        allocator,
        batchSize,
        file.getPath(),
        file.getSize(),
        schema,
        wanted,
        () -> fs.open(file.getPath()),
        () -> 0,
        null);
  }

  /** The files in runs: consecutive small files together, any other file alone. */
  private static final class Runs extends LookAheadIterator<List<FileStatus>> {
    private final CloseableIterator<FileStatus> files;
    private FileStatus held;

    Runs(CloseableIterator<FileStatus> files) {
      this.files = files;
    }

    private static boolean isSmall(FileStatus f) {
      return f.getSize() >= 0 && f.getSize() <= SMALL_FILE_BYTES;
    }

    @Override
    protected List<FileStatus> computeNext() {
      FileStatus first = held != null ? held : files.hasNext() ? files.next() : null;
      held = null;
      if (first == null) {
        return null;
      }
      List<FileStatus> run = new ArrayList<>();
      run.add(first);
      if (!isSmall(first)) {
        return run;
      }
      long bytes = first.getSize();
      while (run.size() < PACK_FILES && files.hasNext()) {
        FileStatus f = files.next();
        if (!isSmall(f) || bytes + f.getSize() > PACK_BYTES) {
          held = f;
          break;
        }
        run.add(f);
        bytes += f.getSize();
      }
      return run;
    }

    @Override
    protected void closeSource() {
      files.close();
    }
  }

  /** At most this many block buffers (of about 1 MiB each) are kept for reuse. */
  private static final int MAX_KEPT_BUFFERS = 16;

  /**
   * How many blocks of a large file may be in flight per parsing thread (see {@link #inBlocks}).
   */
  static final int BLOCKS_IN_FLIGHT_PER_THREAD = 3;

  /**
   * A large file read as consecutive blocks of whole lines, parsed on background threads, several
   * at once, batches handed out in file order. A block's line numbers (for error messages) start
   * where the previous block's end, which is known once that block is parsed; only an error waits
   * for it. {@value #BLOCKS_IN_FLIGHT_PER_THREAD} blocks per thread, plus one, are in flight (read,
   * being parsed, or parsed and waiting): a parsed block is handed out only after the ones before
   * it, and the caller reads the next block only once the oldest is handed out, so with a window of
   * the parallelism alone the threads whose blocks were done waited for the slowest one, a core
   * idle. On 2 cores, the fresh 300k-file load + listing (JMH, alternating jars) took 78.9 ms on
   * average over six runs with 3 blocks in flight, 74.9 over eight with 5 or 7 (single pairs ranged
   * from 8 ms apart to none). Each block in flight holds a buffer of about 1 MiB until parsed, then
   * its batches until the caller takes them.
   */
  private CloseableIterator<FileReadResult> inBlocks(
      FileStatus file, StructType schema, byte[][] wanted) {
    String path = file.getPath();
    AtomicReference<CompletableFuture<Long>> previousEnd =
        new AtomicReference<>(CompletableFuture.completedFuture(0L));
    CloseableIterator<JsonFileBatches> blocks =
        new JsonBlocks(path, () -> fs.open(path), blockBuffers)
            .map(
                block -> {
                  CompletableFuture<Long> start = previousEnd.get();
                  CompletableFuture<Long> end = new CompletableFuture<>();
                  previousEnd.set(end);
                  return new JsonFileBatches(
                      allocator,
                      batchSize,
                      path,
                      block.length(),
                      schema,
                      wanted,
                      block,
                      start::join,
                      lines -> {
                        start.thenAccept(s -> end.complete(s + lines));
                        blockBuffers.give(block.bytes()); // parsed: its batches hold copies
                      });
                });
    return ReadAhead.ordered(
        executor, blocks, BLOCKS_IN_FLIGHT_PER_THREAD * parallelism + 1, b -> b);
  }

  @Override
  public void writeJsonFileAtomically(String path, CloseableIterator<Row> rows, boolean overwrite)
      throws IOException {
    byte[] content;
    try (rows) {
      content = JsonRowWriter.toJsonLines(rows);
    }
    fs.write(path, content, overwrite);
  }

  private static String abbreviate(byte[] utf8) {
    return abbreviate(new String(utf8, StandardCharsets.UTF_8));
  }

  private static String abbreviate(String s) {
    return s.length() <= 120 ? s : s.substring(0, 120) + "...";
  }
}
