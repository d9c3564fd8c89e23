package dev.keel.kernel.utils;

import static java.util.Objects.requireNonNull;

import dev.keel.kernel.annotations.Stable;

/**
 * An immutable description of one file: its fully qualified path, size in bytes and modification
 * time in epoch milliseconds.
 */
@Stable
public final class FileStatus {
  private final String path;
  private String
      name; // the last path segment, once asked for (a benign race: any thread computes the same)
  private final long size;
  private final long modificationTime;

  private FileStatus(String path, long size, long modificationTime) {
    this.path = requireNonNull(path, "path is null");
    if (size < 0) {
      throw new IllegalArgumentException("size is negative: " + size);
    }
    this.size = size;
    this.modificationTime = modificationTime;
  }

  /**
   * Creates a file status.
   *
   * @param path the fully qualified path
   * @param size the size in bytes, not negative
   * @param modificationTime the modification time, epoch milliseconds
   * @return the status
   * @throws IllegalArgumentException if {@code size} is negative
   */
  public static FileStatus of(String path, long size, long modificationTime) {
    return new FileStatus(path, size, modificationTime);
  }

  /**
   * @return the fully qualified path
   */
  public String getPath() {
    return path;
  }

  /**
   * @return the size in bytes
   */
  public long getSize() {
    return size;
  }

  /**
   * @return the modification time in epoch milliseconds
   */
  public long getModificationTime() {
    return modificationTime;
  }

  /**
   * @return the last path segment (the file name)
   */
  public String getName() {
    String n = name;
    if (n == null) { // computed once: log listings ask every file's name several times
      int slash = path.lastIndexOf('/');
      n = slash < 0 ? path : path.substring(slash + 1);
      name = n;
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof FileStatus)) {
      return false;
    }
    FileStatus other = (FileStatus) o;
    return path.equals(other.path)
        && size == other.size
        && modificationTime == other.modificationTime;
  }

  @Override
  public int hashCode() {
    return path.hashCode() * 31 + Long.hashCode(size);
  }

  @Override
  public String toString() {
    return "FileStatus{path="
        + path
        + ", size="
        + size
        + ", modificationTime="
        + modificationTime
        + "}";
  }
}
