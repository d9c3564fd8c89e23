package dev.keel.kernel.engine;

import dev.keel.kernel.annotations.Stable;
import dev.keel.kernel.exceptions.PathAlreadyExistsException;
import dev.keel.kernel.utils.CloseableIterator;
import dev.keel.kernel.utils.FileStatus;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;

/**
 * File access for the kernel. Paths are fully qualified strings (a URI such as {@code
 * file:/tmp/t/_delta_log/00000000000000000000.json} or {@code s3a://bucket/t/...}), or absolute
 * local paths, which implementations resolve with {@link #resolvePath}.
 *
 * <p>Methods throw {@link FileNotFoundException} (or {@link java.nio.file.NoSuchFileException}) for
 * missing files and other {@link IOException}s for I/O failures; the kernel wraps them once with
 * the operation and the path.
 */
@Stable
public interface FileSystemClient {

  /**
   * Lists the files in the directory of {@code filePath} whose names are lexicographically greater
   * than or equal to the name of {@code filePath}, sorted by name (UTF-8 byte order). {@code
   * filePath} itself need not exist. Directories are not listed.
   *
   * @param filePath a path whose parent is the directory to list
   * @return the matching files, sorted; the caller closes the iterator
   * @throws FileNotFoundException if the directory does not exist
   * @throws IOException on other failures
   */
  CloseableIterator<FileStatus> listFrom(String filePath) throws IOException;

  /**
   * Returns the fully qualified form of a path: a local path {@code /tmp/t} becomes {@code
   * file:/tmp/t}; a URI is normalised (no trailing slash, no {@code .} segments).
   *
   * @param path the path
   * @return the qualified path
   * @throws IOException if the path cannot be resolved
   */
  String resolvePath(String path) throws IOException;

  /**
   * @param path the file
   * @return the file's status
   * @throws FileNotFoundException if it does not exist
   * @throws IOException on other failures
   */
  FileStatus getFileStatus(String path) throws IOException;

  /**
   * Opens a file for reading from the start. The caller closes the stream.
   *
   * @param path the file
   * @return the stream
   * @throws FileNotFoundException if it does not exist
   * @throws IOException on other failures
   */
  InputStream open(String path) throws IOException;

  /**
   * Reads {@code length} bytes at {@code offset}.
   *
   * @param path the file
   * @param offset the position of the first byte
   * @param length the number of bytes
   * @return exactly {@code length} bytes
   * @throws java.io.EOFException if the file ends before {@code offset + length}
   * @throws IOException on other failures
   */
  byte[] readRange(String path, long offset, int length) throws IOException;

  /**
   * Writes a whole file atomically: readers see either no file (or the old one) or all of {@code
   * content}, never a part.
   *
   * <p>With {@code overwrite == false} this is put-if-absent: if the file already exists the call
   * fails with {@link PathAlreadyExistsException} and the existing file is untouched, even when two
   * writers race. Delta commits rely on this; a client whose storage cannot guarantee it must
   * document so (see the default engine's notes per scheme).
   *
   * @param path the file
   * @param content the bytes
   * @param overwrite whether to replace an existing file
   * @throws PathAlreadyExistsException if {@code overwrite} is false and the file exists
   * @throws IOException on other failures
   */
  void write(String path, byte[] content, boolean overwrite) throws IOException;

  /**
   * Deletes a file.
   *
   * @param path the file
   * @return whether a file was deleted ({@code false} if it did not exist)
   * @throws IOException on failure
   */
  boolean delete(String path) throws IOException;

  /**
   * Creates a directory and its missing parents.
   *
   * @param path the directory
   * @return whether the directory exists afterwards
   * @throws IOException on failure
   */
  boolean mkdirs(String path) throws IOException;

  /**
   * Lists every file below a directory, in its subdirectories too, in no particular order. Table
   * maintenance (vacuum) needs it; reading and writing tables do not. Added after the first
   * release: the default refuses, naming the class that lacks it.
   *
   * @param directory the directory
   * @return the files; the caller closes the iterator
   * @throws FileNotFoundException if the directory does not exist
   * @throws IOException on other failures
   * @throws UnsupportedOperationException if this client cannot list recursively
   */
  default CloseableIterator<FileStatus> listRecursively(String directory) throws IOException {
    throw new UnsupportedOperationException(
        getClass().getName() + " does not implement FileSystemClient.listRecursively");
  }
}
