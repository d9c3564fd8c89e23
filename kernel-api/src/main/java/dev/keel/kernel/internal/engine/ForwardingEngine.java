package dev.keel.kernel.internal.engine;

import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.engine.ExpressionHandler;
import dev.keel.kernel.engine.FileSystemClient;
import dev.keel.kernel.engine.JsonHandler;
import dev.keel.kernel.engine.MetricsReporter;
import dev.keel.kernel.engine.ParquetHandler;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * An engine that does what another does, with the handlers given to it: the base of the kernel's
 * own wrapping engines (counting reads for metrics, checking for leaks in tests), which override
 * only the handlers they watch. See {@link Forwarding} for handlers to start from.
 */
public class ForwardingEngine implements Engine {
  private final Engine delegate;
  private final FileSystemClient fs;
  private final JsonHandler json;
  private final ParquetHandler parquet;
  private final ExpressionHandler expressions;

  /**
   * @param delegate the engine whose settings (executor, parallelism, reporters) this one keeps
   * @param fs, json, parquet, expressions the handlers to hand out instead of the delegate's
   */
  public ForwardingEngine(
      Engine delegate,
      FileSystemClient fs,
      JsonHandler json,
      ParquetHandler parquet,
      ExpressionHandler expressions) {
    this.delegate = delegate;
    this.fs = fs;
    this.json = json;
    this.parquet = parquet;
    this.expressions = expressions;
  }

  @Override
  public FileSystemClient getFileSystemClient() {
    return fs;
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
    return expressions;
  }

  @Override
  public Optional<Executor> getExecutor() {
    return delegate.getExecutor();
  }

  @Override
  public int getLogReadParallelism() {
    return delegate.getLogReadParallelism();
  }

  @Override
  public int getDataReadParallelism() {
    return delegate.getDataReadParallelism();
  }

  @Override
  public int getDataWriteParallelism() {
    return delegate.getDataWriteParallelism();
  }

  @Override
  public List<MetricsReporter> getMetricsReporters() {
    return delegate.getMetricsReporters();
  }
}
