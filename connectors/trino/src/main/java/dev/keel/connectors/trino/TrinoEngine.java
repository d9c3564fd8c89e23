package dev.keel.connectors.trino;

import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.engine.ExpressionHandler;
import dev.keel.kernel.engine.FileSystemClient;
import dev.keel.kernel.engine.JsonHandler;
import dev.keel.kernel.engine.ParquetHandler;
import io.trino.filesystem.TrinoFileSystem;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Keel's {@link Engine} made of Trino's parts: files through the catalog's {@link TrinoFileSystem},
 * Parquet through Trino's own reader and writer, JSON through Trino's Jackson into Trino blocks,
 * expressions through the kernel's standard evaluator. Neither Arrow nor Hadoop is involved.
 * Background log and data reads run on a small daemon pool this engine owns; closing the engine
 * stops it.
 */
final class TrinoEngine implements Engine, AutoCloseable {
  /** Data files are closed at this size (as Spark's and Keel's default engine's). */
  static final long TARGET_FILE_SIZE = 128L << 20;

  private final FileSystemClient files;
  private final JsonHandler json;
  private final ParquetHandler parquet;
  private final ExecutorService pool;

  TrinoEngine(TrinoFileSystem fs) {
    this.files = new TrinoFileSystemClient(fs);
    this.json = new TrinoJsonHandler(files);
    this.parquet = new TrinoParquetHandler(fs, files, TARGET_FILE_SIZE);
    this.pool =
        Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()),
            r -> {
              Thread t = new Thread(r, "keel-trino-read");
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public FileSystemClient getFileSystemClient() {
    return files;
  }

  @Override
  public JsonHandler getJsonHandler() {
    return json;
  }

  @Override
  public ParquetHandler getParquetHandler() {
    return parquet;
  }

  @Override
  public ExpressionHandler getExpressionHandler() {
    return ExpressionHandler.standard();
  }

  @Override
  public Optional<Executor> getExecutor() {
    return Optional.of(pool);
  }

  @Override
  public void close() {
    pool.shutdown();
  }
}
