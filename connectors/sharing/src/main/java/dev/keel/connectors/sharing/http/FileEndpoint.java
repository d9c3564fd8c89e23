package dev.keel.connectors.sharing.http;

import dev.keel.connectors.sharing.read.SharedTables;
import dev.keel.connectors.sharing.read.SharedTables.Ref;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Serves the files of local tables to whoever holds a URL {@link LocalFiles} signed: the signature
 * and expiry are checked (in constant time) before the file system is touched, the file must lie
 * under its table's directory after normalization and after following symbolic links, and a single
 * byte range ({@code Range: bytes=a-b}, {@code a-}, {@code -n}) is honoured.
 */
final class FileEndpoint {
  /** A file to send, or the range of it. */
  record Answer(Path file, long size, long start, long length, boolean partial) {}

  private final Hmac hmac;
  private final SharedTables tables;
  private final LongSupplier epochSeconds;

  FileEndpoint(Hmac hmac, SharedTables tables, LongSupplier epochSeconds) {
    this.hmac = hmac;
    this.tables = tables;
    this.epochSeconds = epochSeconds;
  }

  /**
   * Checks a request for {@code /files/<table>/<file>}.
   *
   * @throws SharingException 403 for a URL this server did not sign or one that expired, 404 for a
   *     file that is gone, 416 for a range outside the file
   */
  Answer resolve(
      String tableSegment, String fileSegment, String expires, String signature, String range)
      throws IOException {
    String key = Hmac.decode(tableSegment);
    String relative = Hmac.decode(fileSegment);
    long expiry;
    try {
      expiry = expires == null ? -1 : Long.parseLong(expires);
    } catch (NumberFormatException e) {
      expiry = -1;
    }
    if (key == null
        || relative == null
        || signature == null
        || !hmac.verify(LocalFiles.message(key, relative, expiry), signature)) {
      throw denied();
    }
    if (expiry < epochSeconds.getAsLong()) {
      throw new SharingException(
          403,
          "PERMISSION_DENIED",
          "The file URL has expired: query the table again for a new one.");
    }
    Optional<Ref> ref = tables.byKey(key);
    if (ref.isEmpty() || !LocalFiles.isLocal(ref.get().table().location())) {
      throw SharingException.notFound("The file's table is no longer shared.");
    }
    Path root = LocalFiles.localPath(ref.get().table().location());
    Path file = root.resolve(relative).normalize();
    if (!file.startsWith(root) || file.equals(root)) {
      throw denied();
    }
    Path realRoot;
    Path realFile;
    try {
      realRoot = root.toRealPath();
      realFile = file.toRealPath();
    } catch (NoSuchFileException e) {
      throw SharingException.notFound("The file no longer exists; query the table again.");
    }
    if (!realFile.startsWith(realRoot) || !Files.isRegularFile(realFile)) {
      throw denied();
    }
    long size = Files.size(realFile);
    return range(realFile, size, range);
  }

  private static Answer range(Path file, long size, String header) {
    if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
      return new Answer(file, size, 0, size, false);
    }
    String spec = header.substring("bytes=".length()).trim();
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return new Answer(file, size, 0, size, false);
    }
    try {
      long start;
      long end;
      if (dash == 0) {
        long suffix = Long.parseLong(spec.substring(1));
        start = Math.max(0, size - suffix);
        end = size - 1;
      } else {
        start = Long.parseLong(spec.substring(0, dash));
        end =
            dash == spec.length() - 1
                ? size - 1
                : Math.min(size - 1, Long.parseLong(spec.substring(dash + 1)));
      }
      if (start >= size || end < start) {
        throw new SharingException(
            416,
            "INVALID_PARAMETER_VALUE",
            "The range " + header + " is outside the file's " + size + " bytes.");
      }
      return new Answer(file, size, start, end - start + 1, true);
    } catch (NumberFormatException e) {
      return new Answer(file, size, 0, size, false);
    }
  }

  /** Copies the answer's bytes. */
  static void send(Answer a, OutputStream out) throws IOException {
    try (FileChannel ch = FileChannel.open(a.file(), StandardOpenOption.READ)) {
      ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
      long position = a.start();
      long left = a.length();
      var sink = Channels.newChannel(out);
      while (left > 0) {
        buf.clear();
        if (left < buf.capacity()) {
          buf.limit((int) left);
        }
        int n = ch.read(buf, position);
        if (n < 0) {
          throw new IOException("the file shrank while it was sent");
        }
        buf.flip();
        while (buf.hasRemaining()) {
          sink.write(buf);
        }
        position += n;
        left -= n;
      }
    }
  }

  private static SharingException denied() {
    return new SharingException(
        403,
        "PERMISSION_DENIED",
        "The file URL is not valid: query the table again for a new one.");
  }
}
