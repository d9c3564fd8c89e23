package dev.keel.kernel.defaults.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A pull tokenizer over UTF-8 JSON bytes already in memory: the documents of a run of lines, or one
 * value. It does what the column writers need and no more, without copying: a string's bytes stay
 * where they lie until someone asks for them, an ASCII string without escapes is copied into Arrow
 * as it is, field names are compared with the names a struct expects as bytes (no symbol table),
 * integers are read straight from their digits.
 *
 * <p>It accepts exactly strict JSON (RFC 8259) within Jackson's default limits (nesting depth,
 * number and name length). On anything else it throws {@link SyntaxError}, which carries no
 * message: the caller then lets Jackson tokenize the same bytes to report the error in Jackson's
 * words and position, so errors read the same whichever parser found them.
 */
final class JsonReader {
  static final int END = 0;
  static final int START_OBJECT = 1;
  static final int END_OBJECT = 2;
  static final int START_ARRAY = 3;
  static final int END_ARRAY = 4;
  static final int FIELD_NAME = 5;
  static final int STRING = 6;
  static final int NUMBER_INT = 7;
  static final int NUMBER_FLOAT = 8;
  static final int TRUE = 9;
  static final int FALSE = 10;
  static final int NULL = 11;

  /**
   * Jackson's default limits ({@code StreamReadConstraints}): beyond them Jackson reports an error,
   * so we defer to it.
   */
  private static final int MAX_DEPTH = 1000;

  private static final int MAX_NUMBER_LENGTH = 1000;
  private static final int MAX_NAME_LENGTH = 50_000;

  /** What the next token may be. */
  private static final int EXPECT_ROOT = 0; // a document or the end of input

  private static final int EXPECT_VALUE =
      1; // after a field name's colon, or after a comma in an array
  private static final int EXPECT_FIRST_FIELD = 2; // just after '{'
  private static final int EXPECT_FIRST_ELEMENT = 3; // just after '['
  private static final int EXPECT_NEXT =
      4; // after a value inside a container: ',' or the closing bracket

  /** Input this reader does not accept; the caller lets Jackson name the error. */
  static final class SyntaxError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final SyntaxError INSTANCE = new SyntaxError();

    private SyntaxError() {
      super(null, null, false, false);
    }
  }

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final byte[] b;
  private final int start;
  private final int end;
  private int pos;
  private int state = EXPECT_ROOT;
  private int token = END;

  /** Offset of the current token's first byte (a string's or name's opening quote). */
  private int tokenStart;

  /** A string's or name's bytes between its quotes; a number's or literal's bytes. */
  private int textStart;

  private int textEnd;

  /**
   * Whether the current string or name has escapes or bytes beyond ASCII (then it must be decoded).
   */
  private boolean plain;

  /**
   * Whether the current string's only escapes are of ASCII characters other than {@code \\u} ones,
   * and it is ASCII.
   */
  private boolean simplyEscaped;

  private byte[] unescaped = JsonStrings.NO_BYTES;

  /** The name {@link #nextName} expects, while it runs; else null. */
  private byte[] guess;

  /** Whether the current field name is the one {@link #nextName} expected. */
  private boolean guessed;

  /** Per depth: whether the container is an object. */
  private boolean[] inObject = new boolean[16];

  private int depth;

  JsonReader(byte[] b, int start, int end) {
    this.b = b;
    this.start = start;
    this.end = end;
    this.pos = start;
  }

  int token() {
    return token;
  }

  /**
   * Advances to the next token.
   *
   * @return the token, {@link #END} once the input holds no more documents
   * @throws SyntaxError where the input is not strict JSON
   */
  int next() {
    int p = pos;
    if (p < end && b[p] <= ' ') { // compact JSON has no whitespace between tokens
      p = skipSpace(p);
    }
    switch (state) {
      case EXPECT_ROOT:
        if (p == end) {
          pos = p;
          return token = END;
        }
        return value(p);
      case EXPECT_VALUE:
        return value(p);
      case EXPECT_FIRST_FIELD:
        if (p < end && b[p] == '}') {
          return close(p, END_OBJECT);
        }
        return name(p);
      case EXPECT_FIRST_ELEMENT:
        if (p < end && b[p] == ']') {
          return close(p, END_ARRAY);
        }
        return value(p);
      default: // EXPECT_NEXT
        if (p >= end) {
          throw SyntaxError.INSTANCE;
        }
        byte c = b[p];
        boolean object = inObject[depth - 1];
        if (c == ',') {
          p++;
          if (p < end && b[p] <= ' ') {
            p = skipSpace(p);
          }
          return object ? name(p) : value(p);
        }
        if (c == (object ? '}' : ']')) {
          return close(p, object ? END_OBJECT : END_ARRAY);
        }
        throw SyntaxError.INSTANCE;
    }
  }

  /**
   * {@link #next}, for a caller that expects a certain field name if the next token is one: a name
   * spelled exactly as {@code guess} is recognised by comparing its bytes where they lie, without
   * scanning it as a string first; {@link #guessed} then says so. The tokens are the same as {@link
   * #next} gives.
   *
   * @param guess the expected name, {@linkplain #isGuessable guessable}; null for none
   */
  int nextName(byte[] guess) {
    this.guess = guess;
    int t = next();
    this.guess = null;
    return t;
  }

  /**
   * {@link #next}, for a caller whose current token is a field name: the name's value, read without
   * asking what may come next.
   */
  int nextValue() {
    if (state != EXPECT_VALUE) {
      return next();
    }
    int p = pos;
    if (p < end && b[p] <= ' ') {
      p = skipSpace(p);
    }
    return value(p);
  }

  /**
   * Whether the current field name is the one passed to the {@link #nextName} that read it (else it
   * is some other name, compared with {@link #nameIs}).
   */
  boolean guessed() {
    return guessed;
  }

  /**
   * Whether {@code name} can be a guess for {@link #nextName}: printable ASCII without quotes or
   * backslashes (so its bytes between quotes are a string that needs no decoding, and nothing
   * else), within the length Jackson accepts.
   */
  static boolean isGuessable(byte[] name) {
    if (name.length > MAX_NAME_LENGTH) {
      return false;
    }
    for (byte c : name) {
      if (!PLAIN_BYTE[c & 0xFF]) {
        return false;
      }
    }
    return true;
  }

  private int close(int p, int closing) {
    depth--;
    state = depth == 0 ? EXPECT_ROOT : EXPECT_NEXT;
    tokenStart = p;
    pos = p + 1;
    return token = closing;
  }

  private int name(int p) {
    if (p >= end || b[p] != '"') {
      throw SyntaxError.INSTANCE;
    }
    tokenStart = p;
    int q;
    byte[] g = guess;
    if (g != null && isAt(p + 1, g)) {
      // the guessed name, then its closing quote: a plain string, as string() would find it
      textStart = p + 1;
      textEnd = p + 1 + g.length;
      plain = true;
      simplyEscaped = false;
      guessed = true;
      q = textEnd + 1;
    } else {
      guessed = false;
      q = string(p + 1);
      if (textEnd - textStart > MAX_NAME_LENGTH) {
        throw SyntaxError.INSTANCE;
      }
    }
    if (q < end && b[q] <= ' ') {
      q = skipSpace(q);
    }
    if (q >= end || b[q] != ':') {
      throw SyntaxError.INSTANCE;
    }
    pos = q + 1;
    state = EXPECT_VALUE;
    return token = FIELD_NAME;
  }

  private int value(int p) {
    if (p >= end) {
      throw SyntaxError.INSTANCE;
    }
    tokenStart = p;
    byte c = b[p];
    switch (c) {
      case '{':
        return open(p, true, EXPECT_FIRST_FIELD, START_OBJECT);
      case '[':
        return open(p, false, EXPECT_FIRST_ELEMENT, START_ARRAY);
      case '"':
        pos = string(p + 1);
        return scalar(STRING);
      case 't':
        return literal(p, TRUE, TRUE_BYTES);
      case 'f':
        return literal(p, FALSE, FALSE_BYTES);
      case 'n':
        return literal(p, NULL, NULL_BYTES);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number(p);
        }
        throw SyntaxError.INSTANCE;
    }
  }

  private int open(int p, boolean object, int next, int opening) {
    if (depth == MAX_DEPTH) {
      throw SyntaxError.INSTANCE;
    }
    if (depth == inObject.length) {
      inObject = Arrays.copyOf(inObject, depth * 2);
    }
    inObject[depth++] = object;
    state = next;
    pos = p + 1;
    return token = opening;
  }

  private int scalar(int t) {
    state = depth == 0 ? EXPECT_ROOT : EXPECT_NEXT;
    return token = t;
  }

  /**
   * Scans a string from just after its opening quote; returns the offset after its closing quote.
   */
  private int string(int p) {
    textStart = p;
    boolean simple = true;
    boolean ascii = true;
    boolean unicodeEscape = false;
    while (true) {
      p = Swar.skipPlainString(b, p, end);
      while (p < end && PLAIN_BYTE[b[p] & 0xFF]) {
        p++;
      }
      if (p >= end) {
        throw SyntaxError.INSTANCE;
      }
      byte c = b[p];
      if (c == '"') {
        break;
      }
      simple = false;
      if (c == '\\') {
        unicodeEscape |= p + 1 < end && b[p + 1] == 'u';
        p = escape(p + 1);
      } else if (c >= 0) { // a control character
        throw SyntaxError.INSTANCE;
      } else {
        ascii = false;
        p = multiByte(p, c);
      }
    }
    textEnd = p;
    plain = simple;
    simplyEscaped = !simple && ascii && !unicodeEscape;
    return p + 1;
  }

  /**
   * Bytes that stand for themselves in a string: ASCII from space up, except the quote and the
   * backslash.
   */
  private static final boolean[] PLAIN_BYTE = new boolean[256];

  static {
    for (int c = 0x20; c < 0x80; c++) {
      PLAIN_BYTE[c] = c != '"' && c != '\\';
    }
  }

  /** Checks the escape after a backslash; returns the offset after it. */
  private int escape(int p) {
    if (p >= end) {
      throw SyntaxError.INSTANCE;
    }
    switch (b[p]) {
      case '"':
      case '\\':
      case '/':
      case 'b':
      case 'f':
      case 'n':
      case 'r':
      case 't':
        return p + 1;
      case 'u':
        if (p + 4 >= end) {
          throw SyntaxError.INSTANCE;
        }
        for (int k = 1; k <= 4; k++) {
          if (Character.digit(b[p + k], 16) < 0) {
            throw SyntaxError.INSTANCE;
          }
        }
        return p + 5;
      default:
        throw SyntaxError.INSTANCE;
    }
  }

  /**
   * Checks a UTF-8 sequence (the lead byte, then continuation bytes) as well-formed UTF-8 has it
   * (Unicode, table 3-7): no overlong form, no surrogate, nothing above U+10FFFF; returns the
   * offset after it.
   */
  private int multiByte(int p, byte lead) {
    int n = JsonStrings.sequenceLength(lead);
    if (n < 0 || p + n > end) {
      throw SyntaxError.INSTANCE;
    }
    for (int k = 1; k < n; k++) {
      if ((b[p + k] & 0xC0) != 0x80) {
        throw SyntaxError.INSTANCE;
      }
    }
    int c = lead & 0xFF;
    int second = b[p + 1] & 0xFF;
    boolean wellFormed =
        switch (n) {
          case 2 -> c >= 0xC2;
          case 3 -> c == 0xE0 ? second >= 0xA0 : c != 0xED || second <= 0x9F;
          default -> c == 0xF0 ? second >= 0x90 : c < 0xF4 || (c == 0xF4 && second <= 0x8F);
        };
    if (!wellFormed) {
      throw SyntaxError.INSTANCE;
    }
    return p + n;
  }

  private static final byte[] TRUE_BYTES = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE_BYTES = {'f', 'a', 'l', 's', 'e'};
  private static final byte[] NULL_BYTES = {'n', 'u', 'l', 'l'};

  private int literal(int p, int t, byte[] word) {
    int n = word.length;
    if (p + n > end) {
      throw SyntaxError.INSTANCE;
    }
    for (int i = 1; i < n; i++) { // the first byte chose the word
      if (b[p + i] != word[i]) {
        throw SyntaxError.INSTANCE;
      }
    }
    textStart = p;
    textEnd = p + word.length;
    pos = literalEnd(textEnd);
    return scalar(t);
  }

  /**
   * A literal ends, as Jackson has it, at any byte that cannot continue a word: besides what ends a
   * number, the start of another root value ({@code true[]} is two values). Inside an array or
   * object such a byte is refused as the next token.
   */
  private int literalEnd(int q) {
    if (q < end) {
      byte c = b[q];
      if (c == '[' || c == '{' || c == '"' || c == '-') {
        return q;
      }
    }
    return delimited(q);
  }

  private int number(int p) {
    int q = p;
    if (b[q] == '-') {
      q++;
    }
    if (q >= end || !isDigit(b[q])) {
      throw SyntaxError.INSTANCE;
    }
    if (b[q] == '0') {
      q++;
    } else {
      q = digits(q);
    }
    boolean integral = true;
    if (q < end && b[q] == '.') {
      integral = false;
      q++;
      if (q >= end || !isDigit(b[q])) {
        throw SyntaxError.INSTANCE;
      }
      q = digits(q);
    }
    if (q < end && (b[q] == 'e' || b[q] == 'E')) {
      integral = false;
      q++;
      if (q < end && (b[q] == '+' || b[q] == '-')) {
        q++;
      }
      if (q >= end || !isDigit(b[q])) {
        throw SyntaxError.INSTANCE;
      }
      q = digits(q);
    }
    if (q - p > MAX_NUMBER_LENGTH) {
      throw SyntaxError.INSTANCE;
    }
    textStart = p;
    textEnd = q;
    pos = delimited(q);
    return scalar(integral ? NUMBER_INT : NUMBER_FLOAT);
  }

  private int digits(int q) {
    while (q < end && isDigit(b[q])) {
      q++;
    }
    return q;
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  /**
   * A number or literal must be followed by whitespace, a separator, a closing bracket or the end.
   */
  private int delimited(int q) {
    if (q < end) {
      byte c = b[q];
      if (c != ',' && c != '}' && c != ']' && !isSpace(c)) {
        throw SyntaxError.INSTANCE;
      }
    }
    return q;
  }

  private int skipSpace(int p) {
    while (p < end && isSpace(b[p])) {
      p++;
    }
    return p;
  }

  /** JSON whitespace (also what {@link JsonLines} trims from a line). */
  static boolean isSpace(byte c) {
    return c <= ' ' && (c == ' ' || c == '\n' || c == '\r' || c == '\t'); // most bytes: one test
  }

  /**
   * Skips the children of the object or array just opened; then the current token is its closing
   * bracket.
   */
  void skipChildren() {
    if (token != START_OBJECT && token != START_ARRAY) {
      return;
    }
    int target = depth - 1;
    while (true) {
      int t = next();
      if ((t == END_OBJECT || t == END_ARRAY) && depth == target) {
        return;
      }
    }
  }

  /** Offset of the current token's first byte. */
  int tokenStart() {
    return tokenStart;
  }

  /** Offset just after the current token (after a container's closing bracket once skipped). */
  int position() {
    return pos;
  }

  byte[] bytes() {
    return b;
  }

  /** Whether the current string or name is ASCII without escapes: its bytes are its UTF-8 text. */
  boolean isPlain() {
    return plain;
  }

  /**
   * For a string that is not {@link #isPlain plain} but ASCII with escapes other than {@code \\u}
   * only: unescapes it into {@link #unescapedBytes} and returns its length.
   *
   * @return the length, or -1 when the string needs {@link #text} (non-ASCII or {@code \\u}
   *     escapes)
   */
  int unescape() {
    if (!simplyEscaped) {
      return -1;
    }
    if (unescaped.length < textEnd - textStart) {
      unescaped = JsonStrings.buffer(textEnd - textStart);
    }
    return JsonStrings.unescapeAscii(b, textStart, textEnd, unescaped);
  }

  /** The bytes {@link #unescape} wrote, valid until the next call. */
  byte[] unescapedBytes() {
    return unescaped;
  }

  int textStart() {
    return textStart;
  }

  int textLength() {
    return textEnd - textStart;
  }

  /** Whether {@code g} followed by a closing quote lies at {@code p}. */
  private boolean isAt(int p, byte[] g) {
    int n = g.length;
    if (p + n >= end || b[p + n] != '"') {
      return false;
    }
    int i = 0;
    for (; i + 8 <= n; i += 8) {
      if ((long) LONGS.get(b, p + i) != (long) LONGS.get(g, i)) {
        return false;
      }
    }
    for (; i < n; i++) {
      if (b[p + i] != g[i]) {
        return false;
      }
    }
    return true;
  }

  /** Whether the current field name is {@code name} (its UTF-8 bytes). */
  boolean nameIs(byte[] name) {
    if (plain) {
      int n = name.length;
      if (textEnd - textStart != n) {
        return false;
      }
      for (int i = 0, q = textStart; i < n; i++, q++) {
        if (b[q] != name[i]) {
          return false;
        }
      }
      return true;
    }
    return Arrays.equals(text().getBytes(StandardCharsets.UTF_8), name);
  }

  /**
   * The current token as text: a string's or name's decoded value, a number or literal as written.
   */
  String text() {
    switch (token) {
      case STRING:
      case FIELD_NAME:
        return plain
            ? new String(b, textStart, textEnd - textStart, StandardCharsets.ISO_8859_1)
            : JsonStrings.decode(b, textStart, textEnd);
      case START_OBJECT:
        return "{";
      case END_OBJECT:
        return "}";
      case START_ARRAY:
        return "[";
      case END_ARRAY:
        return "]";
      case END:
        return "";
      default:
        return new String(b, textStart, textEnd - textStart, StandardCharsets.ISO_8859_1);
    }
  }

  /**
   * The current integer as a {@code long}.
   *
   * @throws ArithmeticException when it does not fit
   */
  long longValue() {
    int p = textStart;
    boolean negative = b[p] == '-';
    if (negative) {
      p++;
    }
    int digits = textEnd - p;
    if (digits <= 18) {
      long v = 0;
      for (; p < textEnd; p++) {
        v = v * 10 + (b[p] - '0');
      }
      return negative ? -v : v;
    }
    // 19 digits or more (a JSON integer has no leading zeros): accumulate negatively, as
    // Long.parseLong does, so that Long.MIN_VALUE fits and any overflow is seen
    long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
    long multmin = limit / 10;
    long v = 0;
    for (; p < textEnd; p++) {
      int digit = b[p] - '0';
      if (v < multmin) {
        throw new ArithmeticException("Overflow: " + text() + " is not a long");
      }
      v *= 10;
      if (v < limit + digit) {
        throw new ArithmeticException("Overflow: " + text() + " is not a long");
      }
      v -= digit;
    }
    return negative ? v : -v;
  }

  /**
   * The number token as the nearest double, as {@link Double#parseDouble} gives it, through
   * Jackson's fast parser: the JDK's takes its big-number path for every double of 16 or more
   * significant digits, which is most doubles a program prints.
   */
  double doubleValue() {
    return com.fasterxml.jackson.core.io.NumberInput.parseDouble(text(), true);
  }

  BigDecimal decimalValue() {
    return new BigDecimal(text());
  }

  /** The 1-based line, within the bytes read, of the current token. */
  int lineOfToken() {
    int line = 1;
    for (int p = start; p < tokenStart && p < end; p++) {
      if (b[p] == '\n') {
        line++;
      }
    }
    return line;
  }

  /**
   * Jackson's account of what is wrong with {@code b[from, to)}, for input this reader refused:
   * Jackson tokenizes it (every token decoded) and its first complaint is returned.
   *
   * @return Jackson's exception, with its message and location, or null when Jackson reads the
   *     bytes without complaint
   */
  static JsonProcessingException jacksonError(JsonFactory factory, byte[] b, int from, int to) {
    try (JsonParser parser = factory.createParser(b, from, to - from)) {
      while (parser.nextToken() != null) {
        parser.finishToken();
      }
      return null;
    } catch (JsonProcessingException e) {
      return e;
    } catch (IOException e) {
      // Jackson guessed another encoding from the first bytes (zero bytes read as UTF-16 or
      // UTF-32) and found it broken: for a log, which is UTF-8, that is malformed input too
      return new com.fasterxml.jackson.core.JsonParseException(null, e.getMessage());
    }
  }
}
