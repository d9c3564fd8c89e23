package dev.keel.connectors.sharing.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.connectors.sharing.SharingConfig;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TestAuthenticator {
  private final Authenticator auth =
      new Authenticator(
          SharingConfig.parse(
              String.join(
                  "\n",
                  "version: 1",
                  "shares:",
                  "- name: A",
                  "- name: b",
                  "- name: c",
                  "authorization:",
                  "  bearerToken: all",
                  "  shares:",
                  "  - name: a",
                  "    bearerToken: ab",
                  "  - name: b",
                  "    bearerToken: ab",
                  "  - name: c",
                  "    bearerToken: c",
                  ""),
              "test",
              Path.of(".")));

  @Test
  void tokensReachTheirShares() {
    assertThat(auth.authenticate("Bearer all").orElseThrow().allShares()).isTrue();
    Authenticator.Recipient ab = auth.authenticate("bearer ab").orElseThrow();
    assertThat(ab.allShares()).isFalse();
    assertThat(ab.shares()).isEqualTo(Set.of("a", "b"));
    assertThat(ab.reaches("c")).isFalse();
    assertThat(auth.authenticate("Bearer c").orElseThrow().shares()).isEqualTo(Set.of("c"));
    // recipients are named by a digest of their token, never the token
    assertThat(ab.id()).startsWith("token-").doesNotContain("ab");
  }

  @Test
  void anythingElseIsNoOne() {
    for (String header :
        new String[] {
          null, "", "Bearer", "Bearer ", "Basic all", "Bearer al", "Bearer all2", "all"
        }) {
      assertThat(auth.authenticate(header)).as(String.valueOf(header)).isEmpty();
    }
  }
}
