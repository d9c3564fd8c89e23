package dev.keel.kernel.defaults.internal.json;

/**
 * Turning a JSON string's bytes, as {@link JsonReader} found them between their quotes, into text:
 * decoded into a {@code String} exactly as Jackson decodes them, or, for ASCII with simple escapes
 * only, unescaped byte by byte (no {@code String}, for Arrow). The bytes have been checked by the
 * reader already: escapes are complete and multi-byte sequences well formed.
 */
final class JsonStrings {
  static final byte[] NO_BYTES = new byte[0];

  /**
   * Per thread, a buffer to unescape into (a reader lives for one run of lines; a thread parses
   * many).
   */
  private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> NO_BYTES);

  /** Buffers larger than this are not kept for the thread. */
  private static final int MAX_KEPT = 1 << 16;

  private JsonStrings() {}

  /**
   * @return this thread's buffer of at least {@code length} bytes
   */
  static byte[] buffer(int length) {
    byte[] buf = BUFFER.get();
    if (buf.length < length) {
      buf = new byte[Math.max(length, Math.min(MAX_KEPT, 2 * buf.length))];
      if (buf.length <= MAX_KEPT) {
        BUFFER.set(buf);
      }
    }
    return buf;
  }

  /**
   * @return the byte count of the UTF-8 sequence {@code lead} starts, or -1 for a byte that cannot
   *     start one
   */
  static int sequenceLength(byte lead) {
    int c = lead & 0xFF;
    if ((c & 0xE0) == 0xC0) {
      return 2;
    }
    if ((c & 0xF0) == 0xE0) {
      return 3;
    }
    if ((c & 0xF8) == 0xF0) {
      return 4;
    }
    return -1;
  }

  /** The character a one-letter escape ({@code \b \f \n \r \t}, or {@code \" \\ \/}) stands for. */
  private static char escaped(byte letter) {
    switch (letter) {
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      default:
        return (char) letter; // " \ /
    }
  }

  /**
   * Decodes escapes and UTF-8 in {@code b[from, to)} as Jackson does (lone surrogates kept as
   * chars).
   */
  static String decode(byte[] b, int from, int to) {
    StringBuilder s = new StringBuilder(to - from);
    int p = from;
    while (p < to) {
      int c = b[p];
      if (c == '\\') {
        byte e = b[p + 1];
        p += 2;
        if (e == 'u') {
          s.append(
              (char)
                  Integer.parseInt(
                      new String(b, p, 4, java.nio.charset.StandardCharsets.ISO_8859_1), 16));
          p += 4;
        } else {
          s.append(escaped(e));
        }
      } else if (c >= 0) {
        s.append((char) c);
        p++;
      } else {
        int n = sequenceLength((byte) c);
        int cp = c & (0xFF >> (n + 1));
        for (int k = 1; k < n; k++) {
          cp = (cp << 6) | (b[p + k] & 0x3F);
        }
        if (n
            == 4) { // a surrogate pair, computed as Jackson does (also for values beyond U+10FFFF)
          cp -= 0x10000;
          s.append((char) (0xD800 | (cp >> 10))).append((char) (0xDC00 | (cp & 0x3FF)));
        } else {
          s.append((char) cp);
        }
        p += n;
      }
    }
    return s.toString();
  }

  /**
   * Unescapes {@code b[from, to)}, ASCII with one-letter escapes only (no {@code \\u}), into {@code
   * out}, which must hold {@code to - from} bytes.
   *
   * @return the number of bytes written
   */
  static int unescapeAscii(byte[] b, int from, int to, byte[] out) {
    int n = 0;
    for (int p = from; p < to; p++) {
      byte c = b[p];
      out[n++] = c == '\\' ? (byte) escaped(b[++p]) : c;
    }
    return n;
  }
}
