package dev.keel.kernel.internal.metrics;

import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.engine.FileReadResult;
import dev.keel.kernel.engine.FileSystemClient;
import dev.keel.kernel.engine.JsonHandler;
import dev.keel.kernel.engine.ParquetHandler;
import dev.keel.kernel.expressions.Predicate;
import dev.keel.kernel.internal.engine.Forwarding;
import dev.keel.kernel.internal.engine.ForwardingEngine;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import dev.keel.kernel.utils.FileStatus;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An engine that counts the files the kernel reads through it, and their bytes, for a metrics
 * report, and otherwise does what the engine it wraps does. Files read through the JSON and Parquet
 * handlers count with their listed sizes; files opened as streams with the bytes read. Used only
 * for the span of one operation, and only when the engine has reporters.
 */
public final class CountingEngine extends ForwardingEngine {
  private final Counts counts;

  public CountingEngine(Engine engine) {
    this(engine, new Counts());
  }

  private CountingEngine(Engine engine, Counts counts) {
    super(
        engine,
        counts.fs(engine.getFileSystemClient()),
        counts.json(engine.getJsonHandler()),
        counts.parquet(engine.getParquetHandler()),
        engine.getExpressionHandler());
    this.counts = counts;
  }

  /**
   * @return files read so far
   */
  public long filesRead() {
    return counts.files.get();
  }

  /**
   * @return bytes read so far
   */
  public long bytesRead() {
    return counts.bytes.get();
  }

  /** The figures, and the handlers that add to them. */
  private static final class Counts {
    final AtomicLong files = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();

    CloseableIterator<FileStatus> counted(CloseableIterator<FileStatus> in) {
      return in.map(
          f -> {
            files.incrementAndGet();
            bytes.addAndGet(f.getSize());
            return f;
          });
    }

    JsonHandler json(JsonHandler delegate) {
      return new Forwarding.Json(delegate) {
        @Override
        public CloseableIterator<FileReadResult> readJsonFiles(
            CloseableIterator<FileStatus> in, StructType schema, Optional<Predicate> predicate)
            throws IOException {
          return delegate.readJsonFiles(counted(in), schema, predicate);
        }
      };
    }

    ParquetHandler parquet(ParquetHandler delegate) {
      return new Forwarding.Parquet(delegate) {
        @Override
        public CloseableIterator<FileReadResult> readParquetFiles(
            CloseableIterator<FileStatus> in, StructType schema, Optional<Predicate> predicate)
            throws IOException {
          return delegate.readParquetFiles(counted(in), schema, predicate);
        }
      };
    }

    FileSystemClient fs(FileSystemClient delegate) {
      return new Forwarding.FileSystem(delegate) {
        @Override
        public InputStream open(String path) throws IOException {
          InputStream in = delegate.open(path);
          files.incrementAndGet();
          return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
              int b = super.read();
              if (b >= 0) {
                bytes.incrementAndGet();
              }
              return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
              int n = super.read(buf, off, len);
              if (n > 0) {
                bytes.addAndGet(n);
              }
              return n;
            }
          };
        }
      };
    }
  }
}
