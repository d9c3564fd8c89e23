package dev.keel.connectors.sharing.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 signatures for what the server hands out and later trusts again (file URLs, page
 * tokens), each purpose under its own key derived from the server's secret, checked in constant
 * time.
 */
final class Hmac {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  /**
   * A MAC per thread, initialised with this key: {@code Mac.getInstance} looks the provider up (and
   * loads its class) on each call, which under load serializes on the class loader.
   */
  private final ThreadLocal<Mac> macs;

  private Hmac(byte[] key) {
    SecretKeySpec spec = new SecretKeySpec(key, "HmacSHA256");
    this.macs =
        ThreadLocal.withInitial(
            () -> {
              try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(spec);
                return mac;
              } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
              }
            });
  }

  /**
   * @param secret the server's secret
   * @param purpose what the derived key signs; keys of different purposes never verify each other's
   *     signatures
   */
  static Hmac derive(byte[] secret, String purpose) {
    return new Hmac(new Hmac(secret).mac(purpose.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * @return the signature of {@code message}, base64url without padding
   */
  String sign(String message) {
    return B64.encodeToString(mac(message.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * @return whether {@code signature} is this key's signature of {@code message}
   */
  boolean verify(String message, String signature) {
    byte[] given;
    try {
      given = B64D.decode(signature);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(mac(message.getBytes(StandardCharsets.UTF_8)), given);
  }

  static String encode(String text) {
    return B64.encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * @return the decoded text, or null if it is not base64url
   */
  static String decode(String text) {
    try {
      return new String(B64D.decode(text), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private byte[] mac(byte[] message) {
    Mac mac = macs.get();
    return mac.doFinal(message);
  }
}
