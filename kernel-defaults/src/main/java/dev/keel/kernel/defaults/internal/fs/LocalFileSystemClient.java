package dev.keel.kernel.defaults.internal.fs;

import dev.keel.kernel.engine.FileSystemClient;
import dev.keel.kernel.internal.Errors;
import dev.keel.kernel.utils.CloseableIterator;
import dev.keel.kernel.utils.FileStatus;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The local file system through {@code java.nio}. Paths are {@code file:/abs/path}, {@code
 * file:///abs/path} or plain absolute paths; they are not URL-decoded (Hadoop path style).
 *
 * <p>Guarantees: {@link #write} with {@code overwrite == false} is an atomic put-if-absent: the
 * content goes to a hidden temporary file in the same directory, which is then hard-linked to the
 * target ({@code link(2)} fails if the target exists, so exactly one of two racing writers wins,
 * and readers never see a partial file). With {@code overwrite == true} the temporary file is
 * renamed over the target atomically. File systems without hard links fall back to {@code
 * CREATE_NEW}, which is still exclusive but may expose a partially written file briefly.
 */
public final class LocalFileSystemClient implements FileSystemClient {

  /**
   * @return whether {@code path} is a local path this client handles
   */
  public static boolean handles(String path) {
    return path.startsWith("file:") || path.startsWith("/") || (path.indexOf(':') < 0);
  }

  static Path toNio(String path) {
    String p = path;
    if (p.startsWith("file://")) {
      p = p.substring("file://".length());
      if (!p.startsWith("/")) {
        // file://host/path is not supported; treat "localhost" as local.
        int slash = p.indexOf('/');
        p = slash < 0 ? "/" : p.substring(slash);
      }
    } else if (p.startsWith("file:")) {
      p = p.substring("file:".length());
    }
    return Paths.get(p);
  }

  static String toQualified(Path path) {
    return "file:" + path.toAbsolutePath().normalize();
  }

  @Override
  public CloseableIterator<FileStatus> listRecursively(String directory) throws IOException {
    Path dir = toNio(directory);
    if (!Files.isDirectory(dir)) {
      throw new FileNotFoundException("Directory does not exist: " + directory);
    }
    List<FileStatus> out = new ArrayList<>();
    Files.walkFileTree(
        dir,
        new java.nio.file.SimpleFileVisitor<>() {
          @Override
          public java.nio.file.FileVisitResult visitFile(Path p, BasicFileAttributes attrs) {
            if (attrs.isRegularFile()) {
              out.add(
                  FileStatus.of(toQualified(p), attrs.size(), attrs.lastModifiedTime().toMillis()));
            }
            return java.nio.file.FileVisitResult.CONTINUE;
          }

          @Override
          public java.nio.file.FileVisitResult visitFileFailed(Path p, IOException e)
              throws IOException {
            if (e instanceof NoSuchFileException) {
              return java.nio.file.FileVisitResult.CONTINUE; // deleted while listing
            }
            throw e;
          }
        });
    return CloseableIterator.of(out);
  }

  @Override
  public CloseableIterator<FileStatus> listFrom(String filePath) throws IOException {
    Path from = toNio(filePath);
    Path dir = from.getParent();
    String startName = from.getFileName().toString();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new FileNotFoundException(
          "Directory does not exist: " + (dir == null ? filePath : toQualified(dir)));
    }
    List<FileStatus> out = new ArrayList<>();
    try (Stream<Path> entries = Files.list(dir)) {
      entries
          .filter(p -> p.getFileName().toString().compareTo(startName) >= 0)
          .forEach(
              p -> {
                try {
                  BasicFileAttributes attrs = Files.readAttributes(p, BasicFileAttributes.class);
                  if (attrs.isRegularFile()) {
                    out.add(
                        FileStatus.of(
                            toQualified(p), attrs.size(), attrs.lastModifiedTime().toMillis()));
                  }
                } catch (NoSuchFileException deletedMeanwhile) {
                  // listed, then deleted: not part of the listing
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
    out.sort(Comparator.comparing(FileStatus::getName));
    return CloseableIterator.of(out);
  }

  @Override
  public String resolvePath(String path) {
    return toQualified(toNio(path));
  }

  @Override
  public FileStatus getFileStatus(String path) throws IOException {
    Path p = toNio(path);
    try {
      BasicFileAttributes attrs = Files.readAttributes(p, BasicFileAttributes.class);
      return FileStatus.of(toQualified(p), attrs.size(), attrs.lastModifiedTime().toMillis());
    } catch (NoSuchFileException e) {
      throw new FileNotFoundException("File does not exist: " + path);
    }
  }

  @Override
  public InputStream open(String path) throws IOException {
    try {
      return Files.newInputStream(toNio(path));
    } catch (NoSuchFileException e) {
      throw new FileNotFoundException("File does not exist: " + path);
    }
  }

  @Override
  public byte[] readRange(String path, long offset, int length) throws IOException {
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException(
          "Cannot read " + length + " bytes at offset " + offset + " of " + path);
    }
    try (FileChannel ch = FileChannel.open(toNio(path), StandardOpenOption.READ)) {
      long size = ch.size();
      if (offset + length > size) { // checked before allocating what a caller's length claims
        throw new EOFException(
            "Reached the end of "
                + path
                + " ("
                + size
                + " bytes) while reading "
                + length
                + " bytes at offset "
                + offset);
      }
      byte[] out = new byte[length];
      ByteBuffer buf = ByteBuffer.wrap(out);
      long pos = offset;
      while (buf.hasRemaining()) {
        int n = ch.read(buf, pos);
        if (n < 0) {
          throw new EOFException(
              "Reached the end of "
                  + path
                  + " at "
                  + pos
                  + " while reading "
                  + length
                  + " bytes at offset "
                  + offset);
        }
        pos += n;
      }
      return out;
    } catch (NoSuchFileException e) {
      throw new FileNotFoundException("File does not exist: " + path);
    }
  }

  @Override
  public void write(String path, byte[] content, boolean overwrite) throws IOException {
    Path target = toNio(path);
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    Files.write(
        temp,
        content,
        StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE,
        StandardOpenOption.SYNC);
    try {
      if (overwrite) {
        try {
          Files.move(
              temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return;
      }
      try {
        Files.createLink(target, temp);
      } catch (FileAlreadyExistsException e) {
        throw Errors.pathAlreadyExists(toQualified(target));
      } catch (UnsupportedOperationException | IOException noHardLinks) {
        if (Files.exists(target)) {
          throw Errors.pathAlreadyExists(toQualified(target));
        }
        try {
          Files.write(target, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
          throw Errors.pathAlreadyExists(toQualified(target));
        }
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  @Override
  public boolean delete(String path) throws IOException {
    return Files.deleteIfExists(toNio(path));
  }

  @Override
  public boolean mkdirs(String path) throws IOException {
    Files.createDirectories(toNio(path));
    return true;
  }
}
