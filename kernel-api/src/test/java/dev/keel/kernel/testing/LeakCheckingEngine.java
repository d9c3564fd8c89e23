package dev.keel.kernel.testing;

import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.engine.ExpressionEvaluator;
import dev.keel.kernel.engine.ExpressionHandler;
import dev.keel.kernel.engine.FileReadResult;
import dev.keel.kernel.engine.FileSystemClient;
import dev.keel.kernel.engine.JsonHandler;
import dev.keel.kernel.engine.ParquetHandler;
import dev.keel.kernel.engine.PredicateEvaluator;
import dev.keel.kernel.expressions.Expression;
import dev.keel.kernel.expressions.Predicate;
import dev.keel.kernel.internal.engine.Forwarding;
import dev.keel.kernel.internal.engine.ForwardingEngine;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import dev.keel.kernel.utils.FileStatus;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An engine for tests that wraps another and records every evaluator, file iterator and input
 * stream, and every batch its handlers return, so a test can fail when the kernel (or the test)
 * leaves one open: {@link #assertAllClosed()}. (Batches are handed out wrapped, so a test that
 * needs the engine's own batch class, for Arrow export say, uses the engine itself.)
 *
 * <p>Connector authors can wrap their own engine the same way in their tests.
 */
public final class LeakCheckingEngine extends ForwardingEngine {
  private final Tracker tracker;

  public LeakCheckingEngine(Engine engine) {
    this(engine, new Tracker());
  }

  private LeakCheckingEngine(Engine engine, Tracker t) {
    super(
        engine,
        t.fs(engine.getFileSystemClient()),
        t.json(engine.getJsonHandler()),
        t.parquet(engine.getParquetHandler()),
        t.expressions(engine.getExpressionHandler()));
    this.tracker = t;
  }

  /**
   * @return how many resources were opened through this engine so far
   */
  public long openedCount() {
    return tracker.opened.get();
  }

  /**
   * @return how many resources opened through this engine are still open
   */
  public int openCount() {
    return tracker.open.size();
  }

  /**
   * @throws AssertionError naming every resource still open and where it was opened
   */
  public void assertAllClosed() {
    if (tracker.open.isEmpty()) {
      return;
    }
    List<Throwable> where = new ArrayList<>(tracker.open.values());
    AssertionError e =
        new AssertionError(
            where.size()
                + " resource(s) opened through the engine were not closed: "
                + where.stream().map(Throwable::getMessage).sorted().toList());
    where.forEach(e::addSuppressed);
    throw e;
  }

  /** What is open, with where it was opened, and the handlers that record it. */
  private static final class Tracker {
    final Map<Long, Throwable> open = new ConcurrentHashMap<>();
    final AtomicLong ids = new AtomicLong();
    final AtomicLong opened = new AtomicLong();

    long track(String what) {
      long id = ids.incrementAndGet();
      opened.incrementAndGet();
      open.put(id, new Throwable(what));
      return id;
    }

    <T> CloseableIterator<T> tracked(String what, CloseableIterator<T> it) {
      long id = track(what);
      return new CloseableIterator<>() {
        @Override
        public boolean hasNext() {
          return it.hasNext();
        }

        @Override
        public T next() {
          return it.next();
        }

        @Override
        public void close() {
          open.remove(id);
          it.close();
        }
      };
    }

    FileReadResult trackedResult(String what, FileReadResult r) {
      return new FileReadResult(trackedBatch(what, r.getData()), r.getFilePath());
    }

    /** A batch that records its close; its vectors are the engine's own. */
    ColumnarBatch trackedBatch(String what, ColumnarBatch batch) {
      long id = track(what);
      return new ColumnarBatch() {
        @Override
        public StructType getSchema() {
          return batch.getSchema();
        }

        @Override
        public ColumnVector getColumnVector(int ordinal) {
          return batch.getColumnVector(ordinal);
        }

        @Override
        public int getSize() {
          return batch.getSize();
        }

        @Override
        public void close() {
          open.remove(id);
          batch.close();
        }
      };
    }

    ExpressionHandler expressions(ExpressionHandler delegate) {
      return new ExpressionHandler() {
        @Override
        public ExpressionEvaluator getEvaluator(
            StructType inputSchema, Expression expression, DataType outputType) {
          ExpressionEvaluator e = delegate.getEvaluator(inputSchema, expression, outputType);
          long id = track("expression evaluator of " + expression);
          return new ExpressionEvaluator() {
            @Override
            public ColumnVector eval(ColumnarBatch batch) {
              return e.eval(batch);
            }

            @Override
            public void close() {
              open.remove(id);
              e.close();
            }
          };
        }

        @Override
        public PredicateEvaluator getPredicateEvaluator(
            StructType inputSchema, Predicate predicate) {
          PredicateEvaluator e = delegate.getPredicateEvaluator(inputSchema, predicate);
          long id = track("predicate evaluator of " + predicate);
          return new PredicateEvaluator() {
            @Override
            public ColumnVector eval(
                ColumnarBatch batch, Optional<ColumnVector> existingSelection) {
              return e.eval(batch, existingSelection);
            }

            @Override
            public void close() {
              open.remove(id);
              e.close();
            }
          };
        }

        @Override
        public ColumnVector createSelectionVector(boolean[] values, int from, int to) {
          return delegate.createSelectionVector(values, from, to);
        }
      };
    }

    JsonHandler json(JsonHandler delegate) {
      return new Forwarding.Json(delegate) {
        @Override
        public ColumnarBatch parseJson(
            ColumnVector jsonStrings, StructType outputSchema, Optional<ColumnVector> selection) {
          return trackedBatch(
              "parsed JSON of " + outputSchema.fieldNames(),
              delegate.parseJson(jsonStrings, outputSchema, selection));
        }

        @Override
        public CloseableIterator<FileReadResult> readJsonFiles(
            CloseableIterator<FileStatus> files, StructType schema, Optional<Predicate> predicate)
            throws IOException {
          return tracked(
                  "JSON read of " + schema.fieldNames(),
                  delegate.readJsonFiles(files, schema, predicate))
              .map(r -> trackedResult("JSON batch of " + r.getFilePath(), r));
        }
      };
    }

    ParquetHandler parquet(ParquetHandler delegate) {
      return new Forwarding.Parquet(delegate) {
        @Override
        public CloseableIterator<FileReadResult> readParquetFiles(
            CloseableIterator<FileStatus> files, StructType schema, Optional<Predicate> predicate)
            throws IOException {
          return tracked(
                  "Parquet read of " + schema.fieldNames(),
                  delegate.readParquetFiles(files, schema, predicate))
              .map(r -> trackedResult("Parquet batch of " + r.getFilePath(), r));
        }
      };
    }

    FileSystemClient fs(FileSystemClient delegate) {
      return new Forwarding.FileSystem(delegate) {
        @Override
        public CloseableIterator<FileStatus> listFrom(String filePath) throws IOException {
          return tracked("listing from " + filePath, delegate.listFrom(filePath));
        }

        @Override
        public InputStream open(String path) throws IOException {
          InputStream in = delegate.open(path);
          long id = track("stream of " + path);
          return new FilterInputStream(in) {
            @Override
            public void close() throws IOException {
              open.remove(id);
              super.close();
            }
          };
        }
      };
    }
  }
}
