package dev.keel.kernel.defaults.testing;

import dev.keel.kernel.Snapshot;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.data.Row;
import dev.keel.kernel.defaults.canonical.CanonicalJson;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Test helpers: build batches from JSON lines, and render batches back to JSON lines. */
public final class TestBatches {
  /**
   * A schema of the types the write tests round-trip: long (not null), boolean, integer, double,
   * decimal(20,4), string, date, timestamp, a struct, an array and a map.
   */
  public static final StructType ALL_TYPES =
      StructType.fromJson(
          "{\"type\":\"struct\",\"fields\":["
              + "{\"name\":\"id\",\"type\":\"long\",\"nullable\":false,\"metadata\":{}},"
              + "{\"name\":\"b\",\"type\":\"boolean\",\"nullable\":true,\"metadata\":{}},"
              + "{\"name\":\"i\",\"type\":\"integer\",\"nullable\":true,\"metadata\":{}},"
              + "{\"name\":\"d\",\"type\":\"double\",\"nullable\":true,\"metadata\":{}},"
              + "{\"name\":\"dec\",\"type\":\"decimal(20,4)\",\"nullable\":true,\"metadata\":{}},"
              + "{\"name\":\"s\",\"type\":\"string\",\"nullable\":true,\"metadata\":{}},"
              + "{\"name\":\"dt\",\"type\":\"date\",\"nullable\":true,\"metadata\":{}},"
              + "{\"name\":\"ts\",\"type\":\"timestamp\",\"nullable\":true,\"metadata\":{}},"
              + "{\"name\":\"st\",\"type\":{\"type\":\"struct\",\"fields\":[{\"name\":\"x\",\"type\":\"integer\",\"nullable\":true,\"metadata\":{}}]},\"nullable\":true,\"metadata\":{}},"
              + "{\"name\":\"arr\",\"type\":{\"type\":\"array\",\"elementType\":\"string\",\"containsNull\":true},\"nullable\":true,\"metadata\":{}},"
              + "{\"name\":\"m\",\"type\":{\"type\":\"map\",\"keyType\":\"string\",\"valueType\":\"long\",\"valueContainsNull\":true},\"nullable\":true,\"metadata\":{}}]}");

  private TestBatches() {}

  /**
   * Parses JSON lines into as many batches as the engine's batch size makes; the caller closes
   * them.
   */
  public static List<ColumnarBatch> batchesFromJson(
      Engine engine, StructType schema, Path tempDir, String... lines) {
    List<ColumnarBatch> out = new ArrayList<>();
    try {
      Path file = Files.createTempFile(tempDir, "batches", ".json");
      Files.write(file, String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
      try (CloseableIterator<dev.keel.kernel.engine.FileReadResult> it =
          engine
              .getJsonHandler()
              .readJsonFiles(
                  CloseableIterator.of(
                      List.of(
                          dev.keel.kernel.utils.FileStatus.of(
                              file.toString(), Files.size(file), 0))),
                  schema,
                  Optional.empty())) {
        it.forEachRemaining(r -> out.add(r.getData()));
      }
      return out;
    } catch (IOException e) {
      out.forEach(ColumnarBatch::close);
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Batches from JSON lines as an iterator that owns them: closing it closes every batch not yet
   * handed out, as a real producer would release its pending data.
   */
  public static CloseableIterator<ColumnarBatch> owningIterator(
      Engine engine, StructType schema, Path tempDir, String... lines) {
    java.util.Deque<ColumnarBatch> pending =
        new java.util.ArrayDeque<>(batchesFromJson(engine, schema, tempDir, lines));
    return new CloseableIterator<>() {
      @Override
      public boolean hasNext() {
        return !pending.isEmpty();
      }

      @Override
      public ColumnarBatch next() {
        return pending.removeFirst();
      }

      @Override
      public void close() {
        while (!pending.isEmpty()) {
          pending.removeFirst().close();
        }
      }
    };
  }

  /** Parses JSON lines into one batch of {@code schema} with the engine's JSON handler. */
  public static ColumnarBatch fromJson(
      Engine engine, StructType schema, Path tempDir, String... lines) {
    List<ColumnarBatch> batches = batchesFromJson(engine, schema, tempDir, lines);
    if (batches.size() != 1) {
      batches.forEach(ColumnarBatch::close);
      throw new IllegalStateException(batches.size() + " batches; raise the engine's batch size");
    }
    return batches.get(0);
  }

  /** Renders every row of the batch as a JSON line with the engine's JSON writer. */
  public static List<String> toJson(Engine engine, ColumnarBatch batch, Path tempDir) {
    try {
      Path out = tempDir.resolve("rows-" + System.nanoTime() + ".json");
      try (CloseableIterator<Row> rows = batch.getRows()) {
        engine.getJsonHandler().writeJsonFileAtomically(out.toString(), rows, false);
      }
      String text = new String(Files.readAllBytes(out), StandardCharsets.UTF_8);
      List<String> lines = new ArrayList<>(List.of(text.split("\n")));
      lines.removeIf(String::isEmpty);
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The selected rows of the batches in canonical JSON, sorted. Closes the iterator and each batch.
   */
  public static List<String> canonicalRows(CloseableIterator<FilteredColumnarBatch> batches) {
    List<String> out = new ArrayList<>();
    try (batches) {
      while (batches.hasNext()) {
        try (FilteredColumnarBatch b = batches.next()) {
          for (int i = 0; i < b.getData().getSize(); i++) {
            if (b.isSelected(i)) {
              out.add(CanonicalJson.row(b.getData(), i));
            }
          }
        }
      }
    }
    out.sort(null);
    return out;
  }

  /**
   * The selected rows of change data feed batches in canonical JSON, without {@code
   * _commit_timestamp} (the shared answers leave it out), in the order read. Closes the iterator
   * and each batch.
   */
  public static List<String> canonicalChangeRows(CloseableIterator<FilteredColumnarBatch> batches) {
    List<String> out = new ArrayList<>();
    try (batches) {
      while (batches.hasNext()) {
        try (FilteredColumnarBatch b = batches.next()) {
          ColumnarBatch data = b.getData();
          ColumnarBatch shown =
              data.withDeletedColumnAt(
                  data.getSchema().indexOf(dev.keel.kernel.Changes.COMMIT_TIMESTAMP));
          for (int i = 0; i < data.getSize(); i++) {
            if (b.isSelected(i)) {
              out.add(CanonicalJson.row(shown, i));
            }
          }
        }
      }
    }
    return out;
  }

  /** Every row of the snapshot, read with a full scan, in canonical JSON, sorted. */
  public static List<String> canonicalRows(Engine engine, Snapshot snapshot) {
    return canonicalRows(snapshot.getScanBuilder().build().readData(engine));
  }
}
