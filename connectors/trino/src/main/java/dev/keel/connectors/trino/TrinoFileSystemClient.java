package dev.keel.connectors.trino;

import dev.keel.kernel.engine.FileSystemClient;
import dev.keel.kernel.exceptions.PathAlreadyExistsException;
import dev.keel.kernel.utils.CloseableIterator;
import dev.keel.kernel.utils.FileStatus;
import io.trino.filesystem.FileEntry;
import io.trino.filesystem.FileIterator;
import io.trino.filesystem.Location;
import io.trino.filesystem.TrinoFileSystem;
import io.trino.filesystem.TrinoInput;
import io.trino.filesystem.TrinoInputFile;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Keel's file access on a {@link TrinoFileSystem}: the connector reads and commits through the file
 * systems the Trino server is configured with, so Keel needs neither Hadoop nor credentials of its
 * own. Commits are {@link io.trino.filesystem.TrinoOutputFile#createExclusive}, which every Trino
 * file system that supports safe Delta writes implements.
 */
final class TrinoFileSystemClient implements FileSystemClient {
  private final TrinoFileSystem fs;

  TrinoFileSystemClient(TrinoFileSystem fs) {
    this.fs = fs;
  }

  @Override
  public CloseableIterator<FileStatus> listFrom(String filePath) throws IOException {
    int slash = filePath.lastIndexOf('/');
    String dir = filePath.substring(0, slash);
    String from = filePath.substring(slash + 1);
    Location directory = Location.of(dir);
    if (fs.directoryExists(directory).orElse(true) == Boolean.FALSE) {
      throw new FileNotFoundException("No such directory: " + dir);
    }
    // the listing is recursive and may name files under another scheme (local:// for file:):
    // keep the directory's own files, named under the caller's directory, in UTF-8 byte order
    List<FileStatus> out = new ArrayList<>();
    // from the name on (S3 lists with start-after), not the whole log from its first commit
    FileIterator it =
        from.chars().allMatch(c -> c < 128)
            ? fs.listFilesStartingFrom(directory, from)
            : fs.listFiles(directory);
    while (it.hasNext()) {
      FileEntry e = it.next();
      String relative = relative(directory, e.location());
      if (relative.indexOf('/') < 0 && relative.compareTo(from) >= 0) {
        out.add(FileStatus.of(dir + "/" + relative, e.length(), e.lastModified().toEpochMilli()));
      }
    }
    out.sort(Comparator.comparing(FileStatus::getName, TrinoFileSystemClient::compareUtf8));
    return CloseableIterator.of(out);
  }

  private List<FileEntry> entries(Location directory) throws IOException {
    List<FileEntry> out = new ArrayList<>();
    FileIterator it = fs.listFiles(directory);
    while (it.hasNext()) {
      out.add(it.next());
    }
    return out;
  }

  /** The path of a listed file below the listed directory. */
  private static String relative(Location directory, Location file) throws IOException {
    String base = stripSlash(directory.path());
    String path = file.path();
    if (base.isEmpty()) {
      return path;
    }
    if (!path.startsWith(base + "/")) {
      throw new IOException(
          "Listing " + directory + " returned " + file + ", which is not below it");
    }
    return path.substring(base.length() + 1);
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  /** Code point order, which is UTF-8 byte order. */
  private static int compareUtf8(String a, String b) {
    return java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
  }

  @Override
  public String resolvePath(String path) throws IOException {
    if (path.startsWith("/")) {
      return "file:" + stripSlash(path);
    }
    Location.of(path); // validates
    return stripSlash(path);
  }

  @Override
  public FileStatus getFileStatus(String path) throws IOException {
    TrinoInputFile file = fs.newInputFile(Location.of(path));
    try {
      return FileStatus.of(path, file.length(), file.lastModified().toEpochMilli());
    } catch (java.nio.file.NoSuchFileException e) {
      throw new FileNotFoundException(path);
    }
  }

  @Override
  public InputStream open(String path) throws IOException {
    try {
      return fs.newInputFile(Location.of(path)).newStream();
    } catch (java.nio.file.NoSuchFileException e) {
      throw new FileNotFoundException(path);
    }
  }

  @Override
  public byte[] readRange(String path, long offset, int length) throws IOException {
    byte[] out = new byte[length];
    try (TrinoInput input = fs.newInputFile(Location.of(path)).newInput()) {
      input.readFully(offset, out, 0, length);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new FileNotFoundException(path);
    }
    return out;
  }

  @Override
  public void write(String path, byte[] content, boolean overwrite) throws IOException {
    Location location = Location.of(path);
    if (overwrite) {
      fs.newOutputFile(location).createOrOverwrite(content);
      return;
    }
    try {
      if (isLocal(location)) {
        // Trino's local file system cannot create exclusively; a hard link can, atomically
        writeLocalExclusive(Path.of("/" + location.path()), content);
      } else {
        fs.newOutputFile(location).createExclusive(content);
      }
    } catch (FileAlreadyExistsException e) {
      throw new PathAlreadyExistsException(
          "Cannot write " + path + ": it exists already (another writer created it)", e);
    }
  }

  private static boolean isLocal(Location location) {
    return location.scheme().map(s -> s.equals("file") || s.equals("local")).orElse(false);
  }

  /** Writes a temporary file beside the target and links it in: all or nothing, never twice. */
  private static void writeLocalExclusive(Path target, byte[] content) throws IOException {
    Files.createDirectories(target.getParent());
    Path temp =
        target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    Files.write(temp, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try {
      Files.createLink(target, temp);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  @Override
  public boolean delete(String path) throws IOException {
    Location location = Location.of(path);
    if (!fs.newInputFile(location).exists()) {
      return false;
    }
    fs.deleteFile(location);
    return true;
  }

  @Override
  public boolean mkdirs(String path) throws IOException {
    fs.createDirectory(Location.of(path));
    return true;
  }

  @Override
  public CloseableIterator<FileStatus> listRecursively(String directory) throws IOException {
    Location dir = Location.of(directory);
    List<FileStatus> out = new ArrayList<>();
    for (FileEntry e : entries(dir)) {
      out.add(
          FileStatus.of(
              stripSlash(directory) + "/" + relative(dir, e.location()),
              e.length(),
              e.lastModified().toEpochMilli()));
    }
    return CloseableIterator.of(out);
  }
}
