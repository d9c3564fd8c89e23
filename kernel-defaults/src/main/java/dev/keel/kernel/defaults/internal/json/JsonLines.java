package dev.keel.kernel.defaults.internal.json;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The lines of a JSON-lines stream, read a chunk at a time, and a byte-level test for lines that
 * need no parsing: a document whose only field is one the reader did not ask for (in a Delta log,
 * every {@code add} line when only protocol and metadata are wanted). Such a line is checked
 * structurally (strings, escapes and bracket depth) without tokenizing, which is several times
 * faster; anything unusual (escaped key, second field, unbalanced brackets) is left to the parser,
 * so errors are reported as before. Runs of such lines are passed over in one go ({@link
 * #skipUnwanted}), each line's end found by the check itself rather than by a newline search first.
 */
final class JsonLines {
  private static final int CHUNK = 4 << 20;

  private final InputStream in;
  private byte[] buf;
  private int len; // bytes held in buf
  private int pos; // start of the next line
  private boolean eof;
  private long lineNumber; // 1-based number of the line last returned
  private int knownNewline =
      -1; // the newline ending the line at pos, when nextNeedsNoRead found it
  private boolean judged; // the last skipUnwanted stopped at a line it judged
  private boolean lineJudged; // see judgedNotUnwanted

  /** Bounds of the line last returned by {@link #next}, whitespace trimmed. */
  int start;

  int end;

  /**
   * @return a read size for a file of {@code size} bytes (0 when unknown): a small file gets a
   *     buffer of its size plus one byte (to see the end without growing it), a commit of one
   *     action a few hundred bytes
   */
  static int chunkFor(long size) {
    return size <= 0 ? 64 << 10 : (int) Math.min(CHUNK, Math.max(256, size + 1));
  }

  /** The lines of bytes already in memory, read in place. */
  JsonLines(JsonBlocks.Block block) {
    this.in = InputStream.nullInputStream();
    this.buf = block.bytes();
    this.len = block.length();
    this.eof = true;
  }

  /**
   * @param chunk how many bytes to read at a time (tests use small chunks)
   */
  JsonLines(InputStream in, int chunk) {
    this.in = in;
    this.buf = new byte[chunk];
  }

  byte[] buffer() {
    return buf;
  }

  long lineNumber() {
    return lineNumber;
  }

  /**
   * Advances to the next non-blank line.
   *
   * @return false at the end of the stream
   */
  boolean next() throws IOException {
    lineJudged = judged;
    judged = false;
    while (true) {
      int nl = knownNewline >= pos ? knownNewline : Swar.indexOfNewline(buf, pos, len);
      knownNewline = -1;
      if (nl < 0 && !eof) {
        fill();
        continue;
      }
      int lineEnd = nl < 0 ? len : nl;
      if (pos >= len && eof) {
        return false;
      }
      lineNumber++;
      int s = pos;
      int e = lineEnd;
      pos = nl < 0 ? len : nl + 1;
      while (s < e && JsonReader.isSpace(buf[s])) {
        s++;
      }
      while (e > s && JsonReader.isSpace(buf[e - 1])) {
        e--;
      }
      if (s < e) {
        start = s;
        end = e;
        return true;
      }
    }
  }

  /**
   * Whether {@link #next} can return the next line without reading more input, which would move the
   * buffer: the bytes of the lines returned so far stay where they are until then.
   */
  boolean nextNeedsNoRead() {
    if (eof) {
      return true;
    }
    int p = pos;
    while (true) {
      int nl = Swar.indexOfNewline(buf, p, len);
      if (p == pos) {
        knownNewline = nl; // next() starts there and need not scan the line again
      }
      if (nl < 0) {
        return false;
      }
      for (int i = p; i < nl; i++) {
        if (!JsonReader.isSpace(buf[i])) {
          return true;
        }
      }
      p = nl + 1;
    }
  }

  /**
   * Passes over up to {@code max} lines ahead that are each certainly an object of exactly one
   * field not named in {@code wanted} (as {@link #isUnwantedSingleField} judges a line), and the
   * blank lines among them, without returning them: each line's end is found by checking it, not by
   * a newline search before. Stops at the first line it cannot pass over with the bytes held;
   * {@link #next} returns that one as usual, and {@link #judgedNotUnwanted} says whether this
   * already found it is not such a line.
   *
   * @return how many lines were passed over, blank ones not counted
   */
  int skipUnwanted(byte[][] wanted, int max) {
    judged = false;
    int p = pos;
    long line = lineNumber;
    int skipped = 0;
    while (skipped < max) {
      int i = skipBlanks(buf, p, len);
      if (i < len && buf[i] == '\n') {
        p = i + 1; // a blank line
        line++;
        continue;
      }
      if (i >= len) {
        break;
      }
      int r = singleFieldEnd(buf, i, len, wanted);
      if (r >= 0) {
        r = skipBlanks(buf, r, len);
        if (r < len && buf[r] != '\n') {
          judged = true; // text after the object
          break;
        }
        if (r == len && !eof) {
          break; // the newline may follow
        }
        p = r < len ? r + 1 : len;
      } else {
        // running into the end of the input is the end of the line, as for next()
        judged = r == FAIL || eof;
        break;
      }
      line++;
      skipped++;
    }
    if (p != pos) {
      pos = p;
      lineNumber = line;
      knownNewline = -1;
    }
    return skipped;
  }

  /**
   * Whether the line last returned by {@link #next} is one that the {@link #skipUnwanted} just
   * before found is not an object of one unwanted field.
   */
  boolean judgedNotUnwanted() {
    return lineJudged;
  }

  /**
   * Keeps the unread tail, reads more bytes after it; grows the buffer for lines longer than it.
   */
  private void fill() throws IOException {
    knownNewline = -1;
    int tail = len - pos;
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, tail);
      pos = 0;
      len = tail;
    }
    if (len == buf.length) {
      buf = Arrays.copyOf(buf, buf.length * 2);
    }
    int n = in.readNBytes(buf, len, buf.length - len);
    if (n <= 0) {
      eof = true;
    }
    len += Math.max(n, 0);
  }

  /** The UTF-8 bytes of the top-level field names a reader wants. */
  static byte[][] names(List<String> fieldNames) {
    byte[][] out = new byte[fieldNames.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = fieldNames.get(i).getBytes(StandardCharsets.UTF_8);
    }
    return out;
  }

  /**
   * @return whether {@code b[s, e)} is certainly an object with exactly one field, not named in
   *     {@code wanted}, so its row is all nulls without parsing
   */
  static boolean isUnwantedSingleField(byte[] b, int s, int e, byte[][] wanted) {
    int i = singleFieldEnd(b, skipBlanks(b, s, e), e, wanted);
    return i >= 0 && skipBlanks(b, i, e) == e;
  }

  /** A scan that ran into its limit before it could judge. */
  private static final int MORE = -1;

  /** A scan that found what it judges: not an object of one unwanted field on one line. */
  private static final int FAIL = -2;

  /**
   * Reads an object of exactly one field, not named in {@code wanted}, from {@code b[i]} on,
   * without crossing a newline.
   *
   * @return the index after its closing brace; {@link #FAIL} when the bytes are something else
   *     (another shape, a wanted or escaped name, a newline); {@link #MORE} when {@code limit} came
   *     first
   */
  private static int singleFieldEnd(byte[] b, int i, int limit, byte[][] wanted) {
    if (i >= limit) {
      return MORE;
    }
    if (b[i] != '{') {
      return FAIL;
    }
    i = skipBlanks(b, i + 1, limit);
    if (i >= limit) {
      return MORE;
    }
    if (b[i] != '"') {
      return FAIL;
    }
    int keyStart = i + 1;
    int keyEnd = keyStart;
    while (keyEnd < limit && b[keyEnd] != '"') {
      if (b[keyEnd] == '\\' || b[keyEnd] == '\n') {
        return FAIL;
      }
      keyEnd++;
    }
    if (keyEnd >= limit) {
      return MORE;
    }
    int keyLength = keyEnd - keyStart;
    for (byte[] w : wanted) {
      // lengths and first bytes first: most lines' keys differ from every wanted name in both
      if (w.length == keyLength
          && (keyLength == 0 || b[keyStart] == w[0])
          && Arrays.equals(b, keyStart, keyEnd, w, 0, w.length)) {
        return FAIL;
      }
    }
    i = skipBlanks(b, keyEnd + 1, limit);
    if (i >= limit) {
      return MORE;
    }
    if (b[i] != ':') {
      return FAIL;
    }
    i = skipValue(b, skipBlanks(b, i + 1, limit), limit);
    if (i < 0) {
      return i;
    }
    i = skipBlanks(b, i, limit);
    if (i >= limit) {
      return MORE;
    }
    return b[i] == '}' ? i + 1 : FAIL;
  }

  /**
   * Skips spaces, tabs and carriage returns: everything {@link JsonReader#isSpace} but newlines.
   */
  private static int skipBlanks(byte[] b, int i, int e) {
    while (i < e) {
      byte c = b[i];
      if (c > ' ' || (c != ' ' && c != '\t' && c != '\r')) {
        break;
      }
      i++;
    }
    return i;
  }

  /**
   * @return the index after the value starting at {@code i}; {@link #MORE} when it does not end
   *     before {@code e}; {@link #FAIL} when it is malformed or crosses a newline
   */
  private static int skipValue(byte[] b, int i, int e) {
    if (i >= e) {
      return MORE;
    }
    byte c = b[i];
    if (c == '"') {
      return skipString(b, i, e);
    }
    if (c == '{' || c == '[') {
      int depth = 0;
      while (i < e) {
        c = b[i];
        if (c == '"') {
          i = skipString(b, i, e);
          if (i < 0) {
            return i;
          }
          continue;
        }
        if (c == '{' || c == '[') {
          depth++;
        } else if (c == '}' || c == ']') {
          depth--;
          if (depth == 0) {
            return i + 1;
          }
        } else if (c == '\n') {
          return FAIL;
        }
        i++;
      }
      return MORE;
    }
    // a number, true, false or null: up to the next delimiter
    int j = i;
    while (j < e && b[j] != ',' && b[j] != '}' && b[j] != ']' && !JsonReader.isSpace(b[j])) {
      j++;
    }
    return j == e ? MORE : j > i ? j : FAIL;
  }

  private static int skipString(byte[] b, int i, int e) {
    i++; // opening quote
    while (i < e) {
      byte c = b[i];
      if (c == '\\') {
        if (i + 1 < e && b[i + 1] == '\n') {
          return FAIL;
        }
        i += 2;
      } else if (c == '"') {
        return i + 1;
      } else if (c == '\n') {
        return FAIL;
      } else {
        i++;
      }
    }
    return MORE;
  }
}
