package dev.keel.kernel.defaults.internal.fs;

import dev.keel.kernel.engine.FileSystemClient;
import dev.keel.kernel.internal.Errors;
import dev.keel.kernel.utils.CloseableIterator;
import dev.keel.kernel.utils.FileStatus;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Any scheme Hadoop has a {@link FileSystem} for: {@code hdfs}, {@code s3a}, {@code abfs(s)},
 * {@code gs}, ... (the connector jars, e.g. hadoop-aws, must be on the class path).
 *
 * <p>Put-if-absent ({@link #write} with {@code overwrite == false}) uses {@code
 * FileSystem.create(path, false)}. It is atomic where the store makes it so: HDFS (the NameNode),
 * ABFS (conditional create), GCS (generation preconditions). On S3 it is atomic only with S3
 * conditional writes enabled in S3A ({@code fs.s3a.create.conditional.enabled}); without them, two
 * concurrent writers of one table can both succeed, so use a single writer per table. With {@code
 * overwrite == true} the file is replaced (a single PUT on object stores, a write-then-rename is
 * not attempted).
 */
public final class HadoopFileSystemClient implements FileSystemClient {
  private final Configuration conf;

  public HadoopFileSystemClient(Configuration conf) {
    this.conf = conf;
  }

  private FileSystem fs(Path p) throws IOException {
    return p.getFileSystem(conf);
  }

  @Override
  public CloseableIterator<FileStatus> listRecursively(String directory) throws IOException {
    Path dir = new Path(directory);
    org.apache.hadoop.fs.RemoteIterator<org.apache.hadoop.fs.LocatedFileStatus> it =
        fs(dir).listFiles(dir, true);
    List<FileStatus> out = new ArrayList<>();
    while (it.hasNext()) {
      org.apache.hadoop.fs.LocatedFileStatus s = it.next();
      out.add(FileStatus.of(s.getPath().toString(), s.getLen(), s.getModificationTime()));
    }
    return CloseableIterator.of(out);
  }

  @Override
  public CloseableIterator<FileStatus> listFrom(String filePath) throws IOException {
    Path from = new Path(filePath);
    Path dir = from.getParent();
    String startName = from.getName();
    FileSystem fs = fs(from);
    org.apache.hadoop.fs.FileStatus[] statuses;
    try {
      statuses = fs.listStatus(dir);
    } catch (FileNotFoundException e) {
      throw new FileNotFoundException("Directory does not exist: " + dir);
    }
    List<FileStatus> out = new ArrayList<>();
    for (org.apache.hadoop.fs.FileStatus s : statuses) {
      if (s.isFile() && s.getPath().getName().compareTo(startName) >= 0) {
        out.add(FileStatus.of(s.getPath().toString(), s.getLen(), s.getModificationTime()));
      }
    }
    out.sort(Comparator.comparing(FileStatus::getName));
    return CloseableIterator.of(out);
  }

  @Override
  public String resolvePath(String path) throws IOException {
    Path p = new Path(path);
    return fs(p).makeQualified(p).toString();
  }

  @Override
  public FileStatus getFileStatus(String path) throws IOException {
    Path p = new Path(path);
    org.apache.hadoop.fs.FileStatus s = fs(p).getFileStatus(p);
    return FileStatus.of(s.getPath().toString(), s.getLen(), s.getModificationTime());
  }

  @Override
  public InputStream open(String path) throws IOException {
    Path p = new Path(path);
    return fs(p).open(p);
  }

  @Override
  public byte[] readRange(String path, long offset, int length) throws IOException {
    Path p = new Path(path);
    byte[] out = new byte[length];
    try (FSDataInputStream in = fs(p).open(p)) {
      try {
        in.readFully(offset, out);
      } catch (EOFException e) {
        throw new EOFException(
            "Reached the end of "
                + path
                + " while reading "
                + length
                + " bytes at offset "
                + offset);
      }
    }
    return out;
  }

  @Override
  public void write(String path, byte[] content, boolean overwrite) throws IOException {
    Path p = new Path(path);
    FileSystem fs = fs(p);
    if (!overwrite && fs.exists(p)) {
      throw Errors.pathAlreadyExists(path);
    }
    try (FSDataOutputStream out = fs.create(p, overwrite)) {
      out.write(content);
    } catch (FileAlreadyExistsException e) {
      throw Errors.pathAlreadyExists(path);
    }
  }

  @Override
  public boolean delete(String path) throws IOException {
    Path p = new Path(path);
    return fs(p).delete(p, false);
  }

  @Override
  public boolean mkdirs(String path) throws IOException {
    Path p = new Path(path);
    return fs(p).mkdirs(p);
  }
}
