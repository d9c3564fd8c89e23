package dev.keel.connectors.sharing.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TestPageTokens {
  private final PageTokens tokens =
      new PageTokens("a-server-secret-of-32-bytes-long!".getBytes(StandardCharsets.UTF_8));

  @Test
  void aTokenContinuesItsListing() {
    assertThat(tokens.decode("schemas/s", tokens.encode("schemas/s", 42))).isEqualTo(42);
  }

  @Test
  void editedForeignAndMalformedTokensAreRefused() {
    String t = tokens.encode("schemas/s", 2);
    String payload = t.substring(0, t.indexOf('.'));
    String forged =
        java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("schemas/s\n0".getBytes(StandardCharsets.UTF_8))
            + t.substring(t.indexOf('.'));
    String otherKey =
        new PageTokens("another-secret-of-32-bytes-long!!".getBytes(StandardCharsets.UTF_8))
            .encode("schemas/s", 2);
    for (String bad : new String[] {forged, otherKey, payload, "", "...", "%%%.%%%"}) {
      assertThatThrownBy(() -> tokens.decode("schemas/s", bad))
          .as(bad)
          .isInstanceOf(SharingException.class)
          .hasMessage(
              "The page token is not valid: pass the nextPageToken of the previous page unchanged.");
    }
    assertThatThrownBy(() -> tokens.decode("shares", t))
        .hasMessage(
            "The page token belongs to another listing: pass the nextPageToken of this listing's"
                + " previous page.");
  }
}
