package dev.keel.kernel.internal.scan;

import dev.keel.kernel.internal.Errors;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Turns a file path of the log (URL-encoded, relative to the table or absolute) into a path the
 * file system opens. A relative path may not climb out of the table's directory with {@code ..}:
 * the protocol allows files outside the table only by absolute path, and a reader that followed
 * such a path would read (or vacuum delete) files it was never given.
 */
public final class DataFilePaths {
  private DataFilePaths() {}

  public static String absolute(String tablePath, String raw) {
    URI u;
    try {
      u = new URI(raw);
    } catch (URISyntaxException e) {
      throw Errors.invalidPath(tablePath, raw, e);
    }
    if (u.getScheme() == null) {
      String path = u.getPath();
      if (path.startsWith("/")) {
        int colon = tablePath.indexOf(':');
        String scheme = colon > 0 ? tablePath.substring(0, colon) : "file";
        return "file".equals(scheme)
            ? "file:" + path
            : scheme + "://" + authority(tablePath) + path;
      }
      if (escapesRoot(path)) {
        throw Errors.pathOutsideTable(tablePath, raw);
      }
      return tablePath + "/" + path;
    }
    if ("file".equals(u.getScheme())) {
      return "file:" + u.getPath();
    }
    return u.getScheme() + "://" + (u.getAuthority() == null ? "" : u.getAuthority()) + u.getPath();
  }

  /** Whether a relative path's {@code ..} segments climb above the directory it starts in. */
  public static boolean escapesRoot(String relative) {
    int depth = 0;
    for (String segment : relative.split("/", -1)) {
      if (segment.equals("..")) {
        if (--depth < 0) {
          return true;
        }
      } else if (!segment.isEmpty() && !segment.equals(".")) {
        depth++;
      }
    }
    return false;
  }

  private static String authority(String tablePath) {
    int start = tablePath.indexOf("://");
    if (start < 0) {
      return "";
    }
    int end = tablePath.indexOf('/', start + 3);
    return end < 0 ? tablePath.substring(start + 3) : tablePath.substring(start + 3, end);
  }
}
