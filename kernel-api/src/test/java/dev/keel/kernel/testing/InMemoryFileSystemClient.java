package dev.keel.kernel.testing;

import dev.keel.kernel.engine.FileSystemClient;
import dev.keel.kernel.exceptions.PathAlreadyExistsException;
import dev.keel.kernel.utils.CloseableIterator;
import dev.keel.kernel.utils.FileStatus;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hand-written in-memory file system for tests: paths are plain strings (by convention {@code
 * mem:/table/_delta_log/...}), directories exist implicitly, writes are atomic, and every operation
 * is counted so tests can assert what the kernel read.
 */
public final class InMemoryFileSystemClient implements FileSystemClient {
  private static final class Entry {
    final byte[] content;
    final long modificationTime;

    Entry(byte[] content, long modificationTime) {
      this.content = content;
      this.modificationTime = modificationTime;
    }
  }

  private final ConcurrentSkipListMap<String, Entry> files = new ConcurrentSkipListMap<>();
  private final AtomicInteger clock = new AtomicInteger(1000);
  public final AtomicInteger listings = new AtomicInteger();
  public final AtomicInteger reads = new AtomicInteger();
  public final List<String> readPaths = java.util.Collections.synchronizedList(new ArrayList<>());

  /** Stores a file with the given modification time. */
  public void put(String path, byte[] content, long modificationTime) {
    files.put(path, new Entry(content, modificationTime));
  }

  /** Stores a UTF-8 text file with an increasing modification time. */
  public void put(String path, String content) {
    put(path, content.getBytes(StandardCharsets.UTF_8), clock.incrementAndGet());
  }

  /**
   * @return whether the file exists
   */
  public boolean exists(String path) {
    return files.containsKey(path);
  }

  /** Removes a file; returns whether it existed. */
  public boolean remove(String path) {
    return files.remove(path) != null;
  }

  /**
   * @return every path, sorted
   */
  public List<String> paths() {
    return new ArrayList<>(files.keySet());
  }

  private static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  @Override
  public CloseableIterator<FileStatus> listFrom(String filePath) throws FileNotFoundException {
    listings.incrementAndGet();
    String dir = parent(filePath);
    String prefix = dir + "/";
    if (files.keySet().stream().noneMatch(p -> p.startsWith(prefix))) {
      throw new FileNotFoundException("Directory does not exist: " + dir);
    }
    List<FileStatus> out = new ArrayList<>();
    for (Map.Entry<String, Entry> e : files.tailMap(filePath, true).entrySet()) {
      if (!e.getKey().startsWith(prefix)) {
        break;
      }
      if (e.getKey().indexOf('/', prefix.length()) < 0) {
        out.add(
            FileStatus.of(e.getKey(), e.getValue().content.length, e.getValue().modificationTime));
      }
    }
    return CloseableIterator.of(out);
  }

  @Override
  public CloseableIterator<FileStatus> listRecursively(String directory)
      throws FileNotFoundException {
    String prefix = directory.endsWith("/") ? directory : directory + "/";
    List<FileStatus> out = new ArrayList<>();
    for (Map.Entry<String, Entry> e : files.tailMap(prefix, true).entrySet()) {
      if (!e.getKey().startsWith(prefix)) {
        break;
      }
      out.add(
          FileStatus.of(e.getKey(), e.getValue().content.length, e.getValue().modificationTime));
    }
    if (out.isEmpty()) {
      throw new FileNotFoundException("Directory does not exist: " + directory);
    }
    return CloseableIterator.of(out);
  }

  @Override
  public String resolvePath(String path) {
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  private Entry get(String path) throws FileNotFoundException {
    Entry e = files.get(path);
    if (e == null) {
      throw new FileNotFoundException("File does not exist: " + path);
    }
    return e;
  }

  @Override
  public FileStatus getFileStatus(String path) throws FileNotFoundException {
    Entry e = get(path);
    return FileStatus.of(path, e.content.length, e.modificationTime);
  }

  @Override
  public InputStream open(String path) throws FileNotFoundException {
    reads.incrementAndGet();
    readPaths.add(path);
    return new ByteArrayInputStream(get(path).content);
  }

  @Override
  public byte[] readRange(String path, long offset, int length)
      throws FileNotFoundException, EOFException {
    reads.incrementAndGet();
    readPaths.add(path);
    byte[] c = get(path).content;
    if (offset + length > c.length) {
      throw new EOFException("Reached the end of " + path);
    }
    byte[] out = new byte[length];
    System.arraycopy(c, (int) offset, out, 0, length);
    return out;
  }

  @Override
  public void write(String path, byte[] content, boolean overwrite) {
    Entry e = new Entry(content.clone(), clock.incrementAndGet());
    if (overwrite) {
      files.put(path, e);
    } else if (files.putIfAbsent(path, e) != null) {
      throw new PathAlreadyExistsException(
          "Cannot create `" + path + "`: the file already exists.");
    }
  }

  @Override
  public boolean delete(String path) {
    return files.remove(path) != null;
  }

  @Override
  public boolean mkdirs(String path) {
    return true;
  }
}
