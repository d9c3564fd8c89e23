package dev.keel.connectors.sharing.http;

import java.util.Optional;

/**
 * Opaque, tamper-proof page tokens for the list endpoints: the listing they continue (which kind,
 * for which share and schema) and the offset of the next item, signed. A token from another
 * listing, an edited one, or one signed by another server key is refused.
 */
final class PageTokens {
  private final Hmac hmac;

  PageTokens(byte[] secret) {
    this.hmac = Hmac.derive(secret, "keel-sharing page tokens v1");
  }

  /**
   * @param listing what is listed, e.g. {@code schemas/sales}
   * @param offset the index of the first item of the next page
   */
  String encode(String listing, int offset) {
    String payload = listing + "\n" + offset;
    return Hmac.encode(payload) + "." + hmac.sign(payload);
  }

  /**
   * @return the offset the token continues from
   * @throws SharingException (400) if the token is not one this server made for this listing
   */
  int decode(String listing, String token) {
    int dot = token.indexOf('.');
    Optional<String> payload =
        dot < 0 ? Optional.empty() : Optional.ofNullable(Hmac.decode(token.substring(0, dot)));
    if (payload.isEmpty() || !hmac.verify(payload.get(), token.substring(dot + 1))) {
      throw SharingException.badRequest(
          "The page token is not valid: pass the nextPageToken of the previous page unchanged.");
    }
    int nl = payload.get().lastIndexOf('\n');
    if (!payload.get().substring(0, nl).equals(listing)) {
      throw SharingException.badRequest(
          "The page token belongs to another listing: pass the nextPageToken of this listing's"
              + " previous page.");
    }
    return Integer.parseInt(payload.get().substring(nl + 1));
  }
}
