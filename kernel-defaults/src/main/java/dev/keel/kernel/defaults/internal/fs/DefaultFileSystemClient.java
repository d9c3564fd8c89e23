package dev.keel.kernel.defaults.internal.fs;

import dev.keel.kernel.engine.FileSystemClient;
import dev.keel.kernel.utils.CloseableIterator;
import dev.keel.kernel.utils.FileStatus;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;

/**
 * Routes local paths ({@code file:} or absolute) to {@link LocalFileSystemClient} and every other
 * scheme to {@link HadoopFileSystemClient}. The Hadoop client is created on first use, so local
 * tables never load Hadoop.
 */
public final class DefaultFileSystemClient implements FileSystemClient {
  private final LocalFileSystemClient local = new LocalFileSystemClient();
  private final Supplier<Configuration> hadoopConf;
  private volatile HadoopFileSystemClient hadoop;

  public DefaultFileSystemClient(Supplier<Configuration> hadoopConf) {
    this.hadoopConf = hadoopConf;
  }

  private FileSystemClient route(String path) {
    if (LocalFileSystemClient.handles(path)) {
      return local;
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
