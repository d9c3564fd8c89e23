package dev.keel.kernel.engine;

import dev.keel.kernel.annotations.Stable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Everything the kernel needs from its host: file access, JSON and Parquet decoding, expression
 * evaluation and metrics. The kernel never touches storage or data itself; it calls these handlers.
 * Keel's {@code DefaultEngine} (module keel-kernel-defaults) implements all of them; an engine
 * author may replace any one by implementing this interface and delegating the rest.
 *
 * <p>Implementations must be safe to call from several threads at once.
 */
@Stable
public interface Engine {
  /**
   * @return the file system client
   */
  FileSystemClient getFileSystemClient();

  /**
   * @return the JSON handler
   */
  JsonHandler getJsonHandler();

  /**
   * @return the Parquet handler
   */
  ParquetHandler getParquetHandler();

  /**
   * @return the expression handler
   */
  ExpressionHandler getExpressionHandler();

  /**
   * The executor the kernel runs its background reads on: log files read ahead of the replay, data
   * files read in parallel by {@code Scan.readData}, and whatever the engine's own handlers choose
   * to run there. A host such as Trino or Flink passes its own, so that the kernel starts no thread
   * the host does not know about. The kernel submits at most about {@link #getLogReadParallelism()}
   * plus {@link #getDataReadParallelism()} tasks per open iterator; each blocks while its results
   * wait for the caller, so the executor must be able to run them on threads other than the
   * caller's (a thread pool, not a direct executor) and must not be shut down while iterators are
   * open. The kernel never shuts it down.
   *
   * @return the executor, or empty (the default) to read everything on the caller's thread, one
   *     file after another, whatever the parallelism settings say
   */
  default Optional<Executor> getExecutor() {
    return Optional.empty();
  }

  /**
   * How many log files (commits, checkpoint parts, sidecars) the kernel may read at once on its own
   * background threads while it replays them in order. 1 reads them one after another on the
   * caller's thread. Used only when the engine has an {@link #getExecutor() executor}.
   *
   * @return at least 1; by default the number of available processors
   */
  default int getLogReadParallelism() {
    return Runtime.getRuntime().availableProcessors();
  }

  /**
   * How many data files {@code Scan.readData} may read at once on the kernel's background threads
   * while it hands their batches out in scan order. Each file reads at most a few batches ahead of
   * the caller, so memory grows with this number, not with file sizes. 1 reads the files one after
   * another on the caller's thread. Used only when the engine has an {@link #getExecutor()
   * executor}.
   *
   * @return at least 1; by default the number of available processors
   */
  default int getDataReadParallelism() {
    return Runtime.getRuntime().availableProcessors();
  }

  /**
   * How many partitions {@code TransactionState.writeRows} may write at once: the caller's thread
   * and up to this many minus one tasks on the {@link #getExecutor() executor}, each writing one
   * partition's files. A task the executor has not started when the caller's thread runs out of
   * work is done by the caller, so a call from a thread of the executor itself cannot deadlock. 1
   * writes the partitions one after another on the caller's thread. Used only when the engine has
   * an executor.
   *
   * @return at least 1; by default the number of available processors
   */
  default int getDataWriteParallelism() {
    return Runtime.getRuntime().availableProcessors();
  }

  /**
   * @return the reporters that receive the kernel's metrics; empty by default
   */
  default List<MetricsReporter> getMetricsReporters() {
    return List.of();
  }
}
