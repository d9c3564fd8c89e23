package dev.keel.kernel.defaults.internal.fs;

import dev.keel.kernel.defaults.engine.FileSystemProvider;
import dev.keel.kernel.engine.FileSystemClient;
import dev.keel.kernel.utils.CloseableIterator;
import dev.keel.kernel.utils.FileStatus;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;

/**
 * Routes local paths ({@code file:} or absolute) to {@link LocalFileSystemClient}, the schemes of
 * the {@link FileSystemProvider}s found on the class path (such as {@code s3}) to their clients,
 * and every other scheme to {@link HadoopFileSystemClient}. Clients are created on first use, so
 * local tables never load Hadoop or an object store's SDK. Closing it closes the providers'
 * clients.
 */
public final class DefaultFileSystemClient implements FileSystemClient, AutoCloseable {
  private final LocalFileSystemClient local = new LocalFileSystemClient();
  private final Supplier<Configuration> hadoopConf;
  private final Map<String, String> options;
  private final Map<String, FileSystemProvider> providers = new HashMap<>();
  private final Map<FileSystemProvider, FileSystemClient> created = new ConcurrentHashMap<>();
  private volatile HadoopFileSystemClient hadoop;

  /**
   * @param hadoopConf the Hadoop configuration, asked for when a path first needs Hadoop
   * @param options the options handed to providers
   */
  public DefaultFileSystemClient(Supplier<Configuration> hadoopConf, Map<String, String> options) {
    this.hadoopConf = hadoopConf;
    this.options = Map.copyOf(options);
    for (FileSystemProvider p :
        ServiceLoader.load(
            FileSystemProvider.class, DefaultFileSystemClient.class.getClassLoader())) {
      for (String scheme : p.getSchemes()) {
        providers.putIfAbsent(scheme.toLowerCase(Locale.ROOT), p);
      }
    }
  }

  /**
   * @return whether the default Parquet handler may read and write {@code path} with its native
   *     (local or Hadoop) files rather than through this client's ranged reads and whole writes
   */
  public boolean isNative(String path) {
    return provider(path) == null;
  }

  private FileSystemProvider provider(String path) {
    if (providers.isEmpty() || LocalFileSystemClient.handles(path)) {
      return null;
    }
    String scheme = path.substring(0, path.indexOf(':')).toLowerCase(Locale.ROOT);
    return providers.get(scheme);
  }

  private FileSystemClient route(String path) {
    if (LocalFileSystemClient.handles(path)) {
      return local;
    }
    FileSystemProvider p = provider(path);
    if (p != null) {
      return created.computeIfAbsent(p, q -> q.create(options));
    }
    HadoopFileSystemClient h = hadoop;
    if (h == null) {
      synchronized (this) {
        if (hadoop == null) {
          hadoop = new HadoopFileSystemClient(hadoopConf.get());
        }
        h = hadoop;
      }
    }
    return h;
  }

  @Override
  public void close() {
    RuntimeException failure = null;
    for (FileSystemClient c : created.values()) {
      if (c instanceof AutoCloseable) {
        try {
          ((AutoCloseable) c).close();
        } catch (Exception e) {
          if (failure == null) {
            failure = new IllegalStateException("Cannot close a file system client: " + e, e);
          } else {
            failure.addSuppressed(e);
          }
        }
      }
    }
    created.clear();
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public CloseableIterator<FileStatus> listFrom(String filePath) throws IOException {
    return route(filePath).listFrom(filePath);
  }

  @Override
  public CloseableIterator<FileStatus> listRecursively(String directory) throws IOException {
    return route(directory).listRecursively(directory);
  }

  @Override
  public String resolvePath(String path) throws IOException {
    return route(path).resolvePath(path);
  }

  @Override
  public FileStatus getFileStatus(String path) throws IOException {
    return route(path).getFileStatus(path);
  }

  @Override
  public InputStream open(String path) throws IOException {
    return route(path).open(path);
  }

  @Override
  public byte[] readRange(String path, long offset, int length) throws IOException {
    return route(path).readRange(path, offset, length);
  }

  @Override
  public void write(String path, byte[] content, boolean overwrite) throws IOException {
    route(path).write(path, content, overwrite);
  }

  @Override
  public boolean delete(String path) throws IOException {
    return route(path).delete(path);
  }

  @Override
  public boolean mkdirs(String path) throws IOException {
    return route(path).mkdirs(path);
  }
}
