package dev.keel.kernel.internal.util;

/** String helpers shared by the kernel and the default engine. */
public final class Strings {
  private Strings() {}

  /** Compares strings by Unicode code point, which is the UTF-8 byte order Delta and Spark use. */
  public static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
