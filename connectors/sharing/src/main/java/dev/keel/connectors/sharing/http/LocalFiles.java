package dev.keel.connectors.sharing.http;

import dev.keel.connectors.sharing.read.FileUrls;
import dev.keel.connectors.sharing.read.SharedTables.Ref;
import java.nio.file.Path;

/**
 * The server's own signed URLs for the files of a local table: {@code
 * <base>/files/<table>/<file>?expires=<s>&signature=<hmac>}, where table and file are base64url (so
 * no path syntax reaches the file endpoint) and the HMAC-SHA256 covers both and the expiry. A file
 * outside the table's directory is never given a URL.
 */
final class LocalFiles {
  static final String PURPOSE = "keel-sharing file urls v1";

  private LocalFiles() {}

  /** The local directory of a {@code file:} table location or path. */
  static Path localPath(String location) {
    String p = location;
    if (p.startsWith("file://")) {
      p = p.substring("file://".length());
    } else if (p.startsWith("file:")) {
      p = p.substring("file:".length());
    }
    return Path.of(p).toAbsolutePath().normalize();
  }

  static boolean isLocal(String location) {
    return location.startsWith("file:") || location.startsWith("/");
  }

  static String message(String tableKey, String relativePath, long expiresEpochSeconds) {
    return tableKey + "\n" + relativePath + "\n" + expiresEpochSeconds;
  }

  /** The URLs of one response for one table. */
  static FileUrls urls(
      Hmac hmac, String filesBaseUrl, Ref ref, String tablePath, long expiresEpochSeconds) {
    Path root = localPath(tablePath);
    String table = Hmac.encode(ref.key());
    return new FileUrls() {
      @Override
      public Signed sign(String absolutePath) {
        if (!isLocal(absolutePath)) {
          throw outside(ref);
        }
        Path file = localPath(absolutePath);
        if (!file.startsWith(root) || file.equals(root)) {
          throw outside(ref);
        }
        String relative = root.relativize(file).toString().replace('\\', '/');
        String signature = hmac.sign(message(ref.key(), relative, expiresEpochSeconds));
        return new Signed(
            filesBaseUrl
                + "/"
                + table
                + "/"
                + Hmac.encode(relative)
                + "?expires="
                + expiresEpochSeconds
                + "&signature="
                + signature,
            expiresEpochSeconds * 1000);
      }

      @Override
      public long expirationTimestampMillis() {
        return expiresEpochSeconds * 1000;
      }
    };
  }

  static SharingException outside(Ref ref) {
    return new SharingException(
        500,
        "INTERNAL_ERROR",
        "The table `"
            + ref.displayName()
            + "` names a file outside its directory; such files are never shared. Ask its"
            + " provider to rewrite the table.");
  }
}
