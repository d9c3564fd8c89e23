package dev.keel.connectors.sharing.http;

import dev.keel.connectors.sharing.SharingConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Bearer tokens to recipients: a token reaches every share (the configuration's {@code
 * bearerToken}) or the shares it is listed for. Tokens are compared as SHA-256 digests in constant
 * time, every configured token each time, so neither a token's prefix nor its position shows in the
 * response time.
 */
final class Authenticator {
  /** Who a request is: the shares its token reaches, and a name for logs and rate limits. */
  record Recipient(String id, boolean allShares, Set<String> shares) {
    boolean reaches(String shareKey) {
      return allShares || shares.contains(shareKey);
    }
  }

  private record Entry(byte[] digest, Recipient recipient) {}

  private final List<Entry> entries = new ArrayList<>();

  Authenticator(SharingConfig config) {
    Map<String, Recipient> byToken = new LinkedHashMap<>();
    config.getUniversalToken().ifPresent(t -> byToken.put(t, new Recipient(id(t), true, Set.of())));
    config
        .getShareTokens()
        .forEach(
            (share, tokens) -> {
              for (String t : tokens) {
                byToken.merge(t, new Recipient(id(t), false, Set.of(share)), Authenticator::union);
              }
            });
    byToken.forEach((token, recipient) -> entries.add(new Entry(digest(token), recipient)));
  }

  /** One token listed for several shares (or also as the universal token) reaches all of them. */
  private static Recipient union(Recipient a, Recipient b) {
    Set<String> shares = new TreeSet<>(a.shares());
    shares.addAll(b.shares());
    return new Recipient(a.id(), a.allShares() || b.allShares(), Set.copyOf(shares));
  }

  /**
   * @param authorization the {@code Authorization} header, or null
   * @return the recipient, or empty if the header is missing, not a bearer token, or not a
   *     configured token
   */
  Optional<Recipient> authenticate(String authorization) {
    if (authorization == null
        || authorization.length() < 7
        || !authorization.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
      return Optional.empty();
    }
    byte[] given = digest(authorization.substring(7).trim());
    Recipient found = null;
    for (Entry e : entries) {
      if (MessageDigest.isEqual(e.digest, given)) {
        found = e.recipient;
      }
    }
    return Optional.ofNullable(found);
  }

  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", e);
    }
  }

  /** A name for a token that does not give it away: the first 8 hex digits of its digest. */
  private static String id(String token) {
    byte[] d = digest(token);
    return String.format("token-%02x%02x%02x%02x", d[0], d[1], d[2], d[3]);
  }
}
