package dev.keel.kernel.internal.replay;

import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.internal.Errors;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteOrder;

/**
 * Reconciliation keys of file actions: the file's canonical path plus its deletion vector's unique
 * id. Paths are canonicalized as Spark does, so a relative path, the same path made absolute,
 * {@code file:/x} and {@code file:///x}, and URL-encoded and decoded spellings all give one key; a
 * path under the table root is keyed by its decoded relative form.
 */
public final class PathKeys {
  private final String table;
  private final String rootWithSlash;
  private final String rootSchemeAuthority; // qualifies absolute paths without a scheme

  public PathKeys(String tablePath) {
    this.table = tablePath;
    URI root = URI.create(encodeForUri(tablePath));
    String scheme = root.getScheme() == null ? "file" : root.getScheme();
    this.rootSchemeAuthority =
        "file".equals(scheme)
            ? "file:"
            : scheme + "://" + (root.getRawAuthority() == null ? "" : root.getAuthority());
    this.rootWithSlash = canonicalAbsolute(scheme, root.getAuthority(), root.getPath()) + "/";
  }

  /** Table roots are plain (decoded) paths; make them parseable as URIs. */
  private static String encodeForUri(String path) {
    return path.replace("%", "%25").replace(" ", "%20");
  }

  /** ASCII characters a path may hold and still be its own canonical form ('/' not first). */
  private static final boolean[] PLAIN = new boolean[128];

  static {
    for (char c = 'a'; c <= 'z'; c++) {
      PLAIN[c] = true;
      PLAIN[Character.toUpperCase(c)] = true;
    }
    for (char c = '0'; c <= '9'; c++) {
      PLAIN[c] = true;
    }
    for (char c : new char[] {'-', '_', '.', '=', '/'}) {
      PLAIN[c] = true;
    }
  }

  /**
   * Like {@link #isPlain(String)} for the first {@code n} bytes of a UTF-8 path: only ASCII can be
   * plain.
   */
  static boolean isPlain(byte[] raw, int n) {
    if (n == 0 || raw[0] == '/') {
      return false;
    }
    int i = 0;
    for (; i + 8 <= n; i += 8) {
      if (!isPlainWord((long) LONGS.get(raw, i))) {
        return false;
      }
    }
    for (; i < n; i++) {
      byte c = raw[i];
      if (c < 0 || !PLAIN[c]) {
        return false;
      }
    }
    return true;
  }

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  /**
   * Whether all eight bytes of {@code x} are {@link #PLAIN} ASCII, tested together ("SIMD within a
   * register"): for ASCII bytes, adding {@code 0x80 - lo} to each sets its high bit exactly when it
   * is at least {@code lo}, and adding {@code 0x7F - hi} exactly when it is above {@code hi}, with
   * no carry into the next byte. The plain bytes are {@code -./0-9}, {@code =}, {@code A-Z}, {@code
   * _} and {@code a-z}.
   */
  static boolean isPlainWord(long x) {
    if ((x & HIGHS) != 0) {
      return false;
    }
    long plain =
        within(x, '-', '9')
            | within(x, '=', '=')
            | within(x, 'A', 'Z')
            | within(x, '_', '_')
            | within(x, 'a', 'z');
    return plain == HIGHS;
  }

  /** The high bit of each byte of ASCII {@code x} set when the byte is in {@code [lo, hi]}. */
  private static long within(long x, int lo, int hi) {
    return (x + (0x80 - lo) * ONES) & ~(x + (0x7F - hi) * ONES) & HIGHS;
  }

  private static boolean isPlain(String raw) {
    int n = raw.length();
    if (n == 0 || raw.charAt(0) == '/') {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = raw.charAt(i);
      if (c >= 128 || !PLAIN[c]) {
        return false;
      }
    }
    return true;
  }

  private static String canonicalAbsolute(String scheme, String authority, String decodedPath) {
    if ("file".equals(scheme)) {
      return "file:" + decodedPath;
    }
    return scheme + "://" + (authority == null ? "" : authority) + decodedPath;
  }

  /**
   * @return the canonical path: relative to the table root when under it, else absolute
   */
  public String canonicalPath(String raw) {
    if (isPlain(raw)) {
      return raw;
    }
    URI u;
    try {
      u = new URI(raw);
    } catch (URISyntaxException e) {
      throw Errors.invalidPath(table, raw, e);
    }
    String path = u.getPath();
    String absolute;
    if (u.getScheme() == null) {
      if (path == null || !path.startsWith("/")) {
        return path == null ? raw : path;
      }
      absolute = rootSchemeAuthority + path;
    } else {
      if (path == null) {
        throw Errors.invalidPath(table, raw, new URISyntaxException(raw, "no path"));
      }
      absolute = canonicalAbsolute(u.getScheme(), u.getAuthority(), path);
    }
    return absolute.startsWith(rootWithSlash)
        ? absolute.substring(rootWithSlash.length())
        : absolute;
  }

  /**
   * @param path the raw path
   * @param dv the deletion vector struct vector (of {@code ScanFile.DELETION_VECTOR_SCHEMA})
   * @param row the row
   * @return the key
   */
  public String key(String path, ColumnVector dv, int row) {
    String canonical = canonicalPath(path);
    if (dv.isNullAt(row)) {
      return canonical;
    }
    StringBuilder sb = new StringBuilder(canonical).append('\u0000');
    if (!dv.getChild(0).isNullAt(row)) {
      sb.append(dv.getChild(0).getString(row));
    }
    if (!dv.getChild(1).isNullAt(row)) {
      sb.append(dv.getChild(1).getString(row));
    }
    if (!dv.getChild(2).isNullAt(row)) {
      sb.append('@').append(dv.getChild(2).getInt(row));
    }
    return sb.toString();
  }
}
