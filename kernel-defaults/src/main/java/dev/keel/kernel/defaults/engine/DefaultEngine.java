package dev.keel.kernel.defaults.engine;

import static java.util.Objects.requireNonNull;

import dev.keel.kernel.annotations.Evolving;
import dev.keel.kernel.defaults.internal.fs.DefaultFileSystemClient;
import dev.keel.kernel.defaults.internal.json.DefaultJsonHandler;
import dev.keel.kernel.defaults.internal.parquet.DefaultParquetHandler;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.engine.ExpressionHandler;
import dev.keel.kernel.engine.FileSystemClient;
import dev.keel.kernel.engine.JsonHandler;
import dev.keel.kernel.engine.MetricsReporter;
import dev.keel.kernel.engine.ParquetHandler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.hadoop.conf.Configuration;

/**
 * Keel's default {@link Engine}: Arrow vectors for data, its own JSON-lines reader (Jackson to
 * write JSON), parquet-hadoop for Parquet, {@code java.nio} for local paths, the file systems of
 * {@link FileSystemProvider}s on the class path for their schemes (the {@code keel-s3} module for
 * {@code s3://} and {@code s3a://}), and Hadoop file systems for every other scheme.
 *
 * <pre>{@code
 * try (DefaultEngine engine = DefaultEngine.create()) {
 *   ... use engine ...
 * }
 * }</pre>
 *
 * <p>Memory: every batch the engine returns has its own child allocator of the engine's root
 * allocator and is closed by whoever receives it. {@link #close()} closes the root allocator (when
 * the engine created it) and throws {@link IllegalStateException} naming the leak if a batch was
 * not closed.
 *
 * <p>Threads: background reads (log files read ahead of the replay, large commit files parsed in
 * blocks, data files read in parallel) run on {@link #getExecutor()}: the host's executor when one
 * was given to the builder, else a pool the engine owns. Its daemon threads ({@code
 * keel-engine-N-thread-M}) are started on demand, end after 30 seconds idle, and are stopped by
 * {@link #close()}; how many run at once is bounded by the parallelism settings of the iterators
 * open (about {@code logReadParallelism} times two, plus one, per snapshot listing, plus {@code
 * dataReadParallelism} per {@code readData}), and by {@code dataWriteParallelism} minus one per
 * {@code writeRows}.
 *
 * <p>JVM flags: Arrow needs {@code --add-opens=java.base/java.nio=ALL-UNNAMED} (with Arrow on the
 * module path: {@code =org.apache.arrow.memory.core}) on Java 17 and later.
 */
@Evolving
public final class DefaultEngine implements Engine, AutoCloseable {
  /** Default rows per batch for JSON and Parquet reads. */
  public static final int DEFAULT_BATCH_SIZE = 4096;

  /** Default target size of written Parquet data files: 128 MiB. */
  public static final long DEFAULT_TARGET_FILE_SIZE = 128L * 1024 * 1024;

  /** Default Parquet row group size of written files: 128 MiB. */
  public static final long DEFAULT_ROW_GROUP_SIZE = 128L * 1024 * 1024;

  private final BufferAllocator allocator;
  private final boolean ownsAllocator;
  private final FileSystemClient fileSystem;
  private final JsonHandler json;
  private final ParquetHandler parquet;
  private final ExpressionHandler expressions;
  private final List<MetricsReporter> reporters;
  private final int logReadParallelism;
  private final int dataReadParallelism;
  private final int dataWriteParallelism;
  private final Executor executor;

  /** The file system client this engine made, closed with it; null when the host gave one. */
  private final DefaultFileSystemClient ownFileSystem;

  /** The pool this engine started, shut down on close; null when the host gave its executor. */
  private final ExecutorService ownPool;

  private static final AtomicInteger ENGINES = new AtomicInteger();

  private DefaultEngine(Builder b) {
    this.ownPool = b.executor == null ? newPool() : null;
    this.executor = b.executor != null ? b.executor : ownPool;
    this.ownsAllocator = b.allocator == null;
    this.allocator = ownsAllocator ? new RootAllocator() : b.allocator;
    Configuration conf = b.hadoopConf != null ? b.hadoopConf : new Configuration();
    this.ownFileSystem =
        b.fileSystem == null ? new DefaultFileSystemClient(() -> conf, b.fileSystemOptions) : null;
    this.fileSystem = b.fileSystem != null ? b.fileSystem : ownFileSystem;
    this.json =
        new DefaultJsonHandler(
            fileSystem, allocator, b.batchSize, b.logReadParallelism, Optional.of(executor));
    this.parquet =
        new DefaultParquetHandler(
            conf, allocator, b.batchSize, b.targetFileSize, b.rowGroupSize, fileSystem);
    this.expressions = ExpressionHandler.standard();
    this.reporters = List.copyOf(b.reporters);
    this.logReadParallelism = b.logReadParallelism;
    this.dataReadParallelism = b.dataReadParallelism;
    this.dataWriteParallelism = b.dataWriteParallelism;
  }

  private static ExecutorService newPool() {
    String prefix = "keel-engine-" + ENGINES.incrementAndGet() + "-thread-";
    AtomicInteger threads = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, prefix + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    return pool;
  }

  /**
   * @return an engine with its own root allocator and a default Hadoop configuration
   */
  public static DefaultEngine create() {
    return builder().build();
  }

  /**
   * @param hadoopConf the Hadoop configuration for non-local file systems and Parquet
   * @return an engine with its own root allocator
   */
  public static DefaultEngine create(Configuration hadoopConf) {
    return builder().hadoopConfiguration(hadoopConf).build();
  }

  /**
   * @return a builder for an engine with non-default settings
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * @return the allocator batches are allocated from (as child allocators)
   */
  public BufferAllocator getAllocator() {
    return allocator;
  }

  @Override
  public FileSystemClient getFileSystemClient() {
    return fileSystem;
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
  public List<MetricsReporter> getMetricsReporters() {
    return reporters;
  }

  /**
   * @return the host's executor given to the builder, else the pool this engine owns
   */
  @Override
  public Optional<Executor> getExecutor() {
    return Optional.of(executor);
  }

  @Override
  public int getLogReadParallelism() {
    return logReadParallelism;
  }

  @Override
  public int getDataReadParallelism() {
    return dataReadParallelism;
  }

  @Override
  public int getDataWriteParallelism() {
    return dataWriteParallelism;
  }

  /**
   * Stops the engine's own thread pool (reads still running finish; a host's executor is left
   * alone), closes the clients its file system providers created (such as S3 connections), and
   * closes the root allocator if this engine created it.
   *
   * @throws IllegalStateException if batches are still open (Arrow's message names them)
   */
  @Override
  public void close() {
    if (ownPool != null) {
      ownPool.shutdown();
    }
    if (ownFileSystem != null) {
      ownFileSystem.close();
    }
    if (ownsAllocator) {
      allocator.close();
    }
  }

  /** Settings of a {@link DefaultEngine}. */
  public static final class Builder {
    private BufferAllocator allocator;
    private Configuration hadoopConf;
    private FileSystemClient fileSystem;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private long targetFileSize = DEFAULT_TARGET_FILE_SIZE;
    private long rowGroupSize = DEFAULT_ROW_GROUP_SIZE;
    private int logReadParallelism = Runtime.getRuntime().availableProcessors();
    private int dataReadParallelism = Runtime.getRuntime().availableProcessors();
    private int dataWriteParallelism = Runtime.getRuntime().availableProcessors();
    private final List<MetricsReporter> reporters = new ArrayList<>();
    private Executor executor;
    private final Map<String, String> fileSystemOptions = new HashMap<>();

    private Builder() {}

    /**
     * Sets an option for the {@link FileSystemProvider}s of the default file system client, such as
     * {@code keel.s3.endpoint} for the S3 module; each provider documents the keys it reads.
     * Ignored when {@link #fileSystemClient} replaces the client.
     *
     * @param key the option
     * @param value its value
     * @return this builder
     */
    public Builder fileSystemOption(String key, String value) {
      fileSystemOptions.put(requireNonNull(key, "key is null"), requireNonNull(value, "value"));
      return this;
    }

    /**
     * Runs the engine's background reads on the host's executor instead of a pool of the engine's
     * own. The host keeps it running while the engine's iterators are open and shuts it down
     * itself; see {@link Engine#getExecutor()} for what it must allow.
     *
     * @param executor the host's executor
     * @return this builder
     */
    public Builder executor(Executor executor) {
      this.executor = requireNonNull(executor, "executor is null");
      return this;
    }

    /**
     * Uses the caller's allocator instead of creating a root allocator; the caller closes it.
     *
     * @param allocator the allocator
     * @return this builder
     */
    public Builder allocator(BufferAllocator allocator) {
      this.allocator = requireNonNull(allocator, "allocator is null");
      return this;
    }

    /**
     * Replaces the file system client. The default JSON and Parquet handlers then read and write
     * through it (Parquet with ranged reads of 1 MiB, and writes buffered in memory until the file
     * is complete).
     *
     * @param client the client
     * @return this builder
     */
    public Builder fileSystemClient(FileSystemClient client) {
      this.fileSystem = requireNonNull(client, "client is null");
      return this;
    }

    /**
     * @param conf the Hadoop configuration for non-local file systems and Parquet
     * @return this builder
     */
    public Builder hadoopConfiguration(Configuration conf) {
      this.hadoopConf = requireNonNull(conf, "conf is null");
      return this;
    }

    /**
     * @param rows rows per batch for reads, at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code rows} is less than 1
     */
    public Builder batchSize(int rows) {
      if (rows < 1) {
        throw new IllegalArgumentException("batchSize must be at least 1, got " + rows);
      }
      this.batchSize = rows;
      return this;
    }

    /**
     * @param bytes the size at which a written Parquet data file is closed and a new one started
     * @return this builder
     * @throws IllegalArgumentException if {@code bytes} is not positive
     */
    public Builder targetFileSize(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("targetFileSize must be positive, got " + bytes);
      }
      this.targetFileSize = bytes;
      return this;
    }

    /**
     * @param bytes the Parquet row group size of written files (smaller groups skip better, larger
     *     ones compress better)
     * @return this builder
     * @throws IllegalArgumentException if {@code bytes} is not positive
     */
    public Builder parquetRowGroupSize(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("parquetRowGroupSize must be positive, got " + bytes);
      }
      this.rowGroupSize = bytes;
      return this;
    }

    /**
     * @param files how many log files the kernel reads at once (1: one after another), and, plus
     *     one, how many blocks of one large JSON file the JSON handler parses at once (blocks of
     *     lines of about 1 MiB; with 1, a file is parsed by one thread); by default the number of
     *     available processors
     * @return this builder
     * @throws IllegalArgumentException if {@code files} is less than 1
     */
    public Builder logReadParallelism(int files) {
      if (files < 1) {
        throw new IllegalArgumentException("logReadParallelism must be at least 1, got " + files);
      }
      this.logReadParallelism = files;
      return this;
    }

    /**
     * @param files how many data files {@code Scan.readData} reads at once (1: one after another on
     *     the caller's thread); by default the number of available processors
     * @return this builder
     * @throws IllegalArgumentException if {@code files} is less than 1
     */
    public Builder dataReadParallelism(int files) {
      if (files < 1) {
        throw new IllegalArgumentException("dataReadParallelism must be at least 1, got " + files);
      }
      this.dataReadParallelism = files;
      return this;
    }

    /**
     * @param partitions how many partitions {@code TransactionState.writeRows} writes at once (1:
     *     one after another on the caller's thread); by default the number of available processors
     * @return this builder
     * @throws IllegalArgumentException if {@code partitions} is less than 1
     */
    public Builder dataWriteParallelism(int partitions) {
      if (partitions < 1) {
        throw new IllegalArgumentException(
            "dataWriteParallelism must be at least 1, got " + partitions);
      }
      this.dataWriteParallelism = partitions;
      return this;
    }

    /**
     * @param reporter a reporter to receive the kernel's metrics
     * @return this builder
     */
    public Builder addMetricsReporter(MetricsReporter reporter) {
      reporters.add(requireNonNull(reporter, "reporter is null"));
      return this;
    }

    /**
     * @return the engine
     */
    public DefaultEngine build() {
      return new DefaultEngine(this);
    }
  }
}
