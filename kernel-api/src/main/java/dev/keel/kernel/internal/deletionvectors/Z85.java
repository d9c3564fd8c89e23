package dev.keel.kernel.internal.deletionvectors;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.UUID;

/**
 * Z85 encoding and decoding (ZeroMQ RFC 32), as Delta uses for inline deletion vectors and DV file
 * ids.
 */
public final class Z85 {
  private Z85() {}

  private static final String ALPHABET =
      "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";
  private static final int[] DECODE = new int[128];

  static {
    Arrays.fill(DECODE, -1);
    for (int i = 0; i < ALPHABET.length(); i++) {
      DECODE[ALPHABET.charAt(i)] = i;
    }
  }

  /**
   * @param text Z85 text, a multiple of 5 characters long
   * @return the decoded bytes, 4 per 5 characters
   * @throws IllegalArgumentException for a bad length or character
   */
  public static byte[] decode(String text) {
    if (text.length() % 5 != 0) {
      throw new IllegalArgumentException(
          "Z85 text must be a multiple of 5 characters long, got " + text.length());
    }
    byte[] out = new byte[text.length() / 5 * 4];
    for (int i = 0, o = 0; i < text.length(); i += 5, o += 4) {
      long value = 0;
      for (int j = 0; j < 5; j++) {
        char c = text.charAt(i + j);
        int d = c < 128 ? DECODE[c] : -1;
        if (d < 0) {
          throw new IllegalArgumentException(
              "invalid Z85 character '" + c + "' at position " + (i + j));
        }
        value = value * 85 + d;
      }
      out[o] = (byte) (value >>> 24);
      out[o + 1] = (byte) (value >>> 16);
      out[o + 2] = (byte) (value >>> 8);
      out[o + 3] = (byte) value;
    }
    return out;
  }

  /**
   * @return the UUID encoded in 20 Z85 characters
   */
  public static UUID decodeUuid(String text) {
    ByteBuffer b = ByteBuffer.wrap(decode(text));
    return new UUID(b.getLong(), b.getLong());
  }

  /**
   * @param bytes data whose length is a multiple of 4
   * @return the Z85 text, 5 characters per 4 bytes
   */
  public static String encode(byte[] bytes) {
    if (bytes.length % 4 != 0) {
      throw new IllegalArgumentException("Z85 encodes multiples of 4 bytes, got " + bytes.length);
    }
    StringBuilder sb = new StringBuilder(bytes.length / 4 * 5);
    for (int i = 0; i < bytes.length; i += 4) {
      long value =
          ((bytes[i] & 0xffL) << 24)
              | ((bytes[i + 1] & 0xffL) << 16)
              | ((bytes[i + 2] & 0xffL) << 8)
              | (bytes[i + 3] & 0xffL);
      char[] chunk = new char[5];
      for (int j = 4; j >= 0; j--) {
        chunk[j] = ALPHABET.charAt((int) (value % 85));
        value /= 85;
      }
      sb.append(chunk);
    }
    return sb.toString();
  }

  /**
   * @return the 20-character Z85 form of a UUID
   */
  public static String encodeUuid(UUID id) {
    return encode(
        ByteBuffer.allocate(16)
            .putLong(id.getMostSignificantBits())
            .putLong(id.getLeastSignificantBits())
            .array());
  }
}
