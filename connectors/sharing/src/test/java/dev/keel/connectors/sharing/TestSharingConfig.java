package dev.keel.connectors.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestSharingConfig {
  @TempDir Path dir;

  private static final String VALID =
      String.join(
          "\n",
          "version: 1",
          "shares:",
          "- name: Sales",
          "  id: 3e979c79-6399-4dac-bcf8-54e268f48515",
          "  schemas:",
          "  - name: eu",
          "    tables:",
          "    - name: orders",
          "      location: tables/orders",
          "      historyShared: true",
          "      startVersion: 3",
          "    - name: customers",
          "      location: s3a://bucket/customers/",
          "- name: hr",
          "  schemas: []",
          "authorization:",
          "  bearerToken: universal-token",
          "  shares:",
          "  - name: sales",
          "    bearerToken: sales-token",
          "host: 0.0.0.0",
          "port: 9000",
          "endpoint: /sharing/",
          "preSignedUrlTimeoutSeconds: 600",
          "maxPageSize: 10",
          "requestsPerSecond: 0",
          "timeZone: UTC",
          "");

  private SharingConfig parse(String yaml) {
    return SharingConfig.parse(yaml, "`sharing.yaml`", dir);
  }

  @Test
  void aFullConfigurationIsRead() {
    SharingConfig c = parse(VALID);
    assertThat(c.getShares()).hasSize(2);
    SharingConfig.Share sales = c.getShares().get(0);
    assertThat(sales.name()).isEqualTo("Sales");
    assertThat(sales.id()).isEqualTo("3e979c79-6399-4dac-bcf8-54e268f48515");
    List<SharingConfig.Table> tables = sales.schemas().get(0).tables();
    assertThat(tables.get(0))
        .isEqualTo(
            new SharingConfig.Table(
                "orders", "file:" + dir.resolve("tables/orders"), tables.get(0).id(), true, 3));
    assertThat(tables.get(1).location()).isEqualTo("s3a://bucket/customers");
    assertThat(tables.get(1).historyShared()).isFalse();
    // ids that are not configured are derived from the names, the same on every start
    assertThat(tables.get(0).id())
        .isEqualTo(parse(VALID).getShares().get(0).schemas().get(0).tables().get(0).id());
    assertThat(c.getShares().get(1).id()).isNotEqualTo(sales.id());
    assertThat(c.getUniversalToken()).contains("universal-token");
    assertThat(c.getShareTokens()).containsEntry("sales", List.of("sales-token"));
    assertThat(c.getHost()).isEqualTo("0.0.0.0");
    assertThat(c.getPort()).isEqualTo(9000);
    assertThat(c.getEndpoint()).isEqualTo("/sharing");
    assertThat(c.getPreSignedUrlTimeoutSeconds()).isEqualTo(600);
    assertThat(c.getMaxPageSize()).isEqualTo(10);
    assertThat(c.getRequestsPerSecond()).isZero();
    assertThat(c.getTimeZone().getId()).isEqualTo("UTC");
    assertThat(c.withPort(0).getPort()).isZero();
    assertThat(c.withPort(0).getShares()).isEqualTo(c.getShares());
  }

  @Test
  void defaultsAreTheReferenceServersWhereItHasThem() {
    SharingConfig c = parse("version: 1\nshares: []\nauthorization:\n  bearerToken: t\n");
    assertThat(c.getHost()).isEqualTo("localhost");
    assertThat(c.getPort()).isEqualTo(8080);
    assertThat(c.getEndpoint()).isEqualTo("/delta-sharing");
    assertThat(c.getPreSignedUrlTimeoutSeconds()).isEqualTo(3600);
    assertThat(c.getMaxPageSize()).isEqualTo(500);
    assertThat(c.getMaxRequestBodyBytes()).isEqualTo(1 << 20);
    assertThat(c.getIdleTimeoutMillis()).isEqualTo(30_000);
    assertThat(c.getTls()).isEmpty();
    assertThat(c.getUrlSigningKey()).isEmpty();
    assertThat(c.isAccessLog()).isTrue();
  }

  @Test
  void anUnknownKeyIsRefusedWithItsLineAndTheKeysAllowed() {
    assertThatThrownBy(() -> parse(VALID.replace("      startVersion: 3", "      startVerson: 3")))
        .isInstanceOf(InvalidSharingConfigException.class)
        .hasMessage(
            "Cannot use the sharing configuration `sharing.yaml`: line 11: unknown key"
                + " `shares[0].schemas[0].tables[0].startVerson`; the keys allowed here are"
                + " cdfEnabled, historyShared, id, location, name, startVersion.");
    assertThatThrownBy(() -> parse(VALID + "tls: {}\n"))
        .hasMessageStartingWith(
            "Cannot use the sharing configuration `sharing.yaml`: line 28: unknown key `tls`;");
  }

  @Test
  void missingAndMistypedValuesAreRefusedWithTheirLine() {
    assertThatThrownBy(() -> parse(VALID.replace("      location: tables/orders\n", "")))
        .hasMessage(
            "Cannot use the sharing configuration `sharing.yaml`: line 8:"
                + " `shares[0].schemas[0].tables[0].location` is required in the entry"
                + " `shares[0].schemas[0].tables[0]`.");
    assertThatThrownBy(() -> parse(VALID.replace("port: 9000", "port: ninety")))
        .hasMessage(
            "Cannot use the sharing configuration `sharing.yaml`: line 22: `port` must be a whole"
                + " number, not `ninety`.");
    assertThatThrownBy(() -> parse(VALID.replace("port: 9000", "port: 70000")))
        .hasMessage(
            "Cannot use the sharing configuration `sharing.yaml`: line 22: `port` must be between 0"
                + " and 65535, not 70000.");
    assertThatThrownBy(
            () -> parse(VALID.replace("historyShared: true", "historyShared: yes please")))
        .hasMessage(
            "Cannot use the sharing configuration `sharing.yaml`: line 10:"
                + " `shares[0].schemas[0].tables[0].historyShared` must be true or false, not `yes"
                + " please`.");
    assertThatThrownBy(() -> parse(VALID.replace("version: 1", "version: 2")))
        .hasMessage(
            "Cannot use the sharing configuration `sharing.yaml`: line 1: `version` is 2; this"
                + " server reads version 1.");
  }

  @Test
  void sharesMustBeUniqueAndTokensMustNameThem() {
    assertThatThrownBy(() -> parse(VALID.replace("- name: hr", "- name: SALES")))
        .hasMessage(
            "Cannot use the sharing configuration `sharing.yaml`: line 14: the share `SALES` is"
                + " configured twice.");
    assertThatThrownBy(() -> parse(VALID.replace("  - name: sales\n", "  - name: marketing\n")))
        .hasMessage(
            "Cannot use the sharing configuration `sharing.yaml`: line 19:"
                + " `authorization.shares[0]` gives a token for the share `marketing`, which is not"
                + " configured.");
    assertThatThrownBy(() -> parse("version: 1\nshares: []\n"))
        .hasMessage(
            "Cannot use the sharing configuration `sharing.yaml`: line 1: `authorization` is"
                + " required: give `authorization.bearerToken` (every share) or"
                + " `authorization.shares` (a token per share); the server serves nothing without a"
                + " token.");
    assertThatThrownBy(() -> parse("version: 1\nshares: []\nauthorization:\n  shares: []\n"))
        .hasMessage(
            "Cannot use the sharing configuration `sharing.yaml`: line 4: `authorization` gives no"
                + " token: set `bearerToken` or list `shares` with theirs.");
  }

  @Test
  void notYamlAndEmptyFilesAreRefused() throws Exception {
    assertThatThrownBy(() -> parse("version: [1"))
        .isInstanceOf(InvalidSharingConfigException.class)
        .hasMessageStartingWith(
            "Cannot use the sharing configuration `sharing.yaml`: it is not valid YAML:");
    assertThatThrownBy(() -> parse(""))
        .hasMessage(
            "Cannot use the sharing configuration `sharing.yaml`: it is empty. It needs at least"
                + " `version: 1`, `shares` and `authorization`.");
    Path file = dir.resolve("missing.yaml");
    assertThatThrownBy(() -> SharingConfig.load(file))
        .isInstanceOf(InvalidSharingConfigException.class)
        .hasMessage("Cannot read the sharing configuration `" + file + "`: there is no such file.");
    Path key = Files.writeString(dir.resolve("key"), "short");
    assertThatThrownBy(() -> parse(VALID + "urlSigningKeyFile: " + key.getFileName() + "\n"))
        .hasMessage(
            "Cannot use the sharing configuration `sharing.yaml`: line 1: `urlSigningKeyFile` `"
                + key
                + "` holds 5 bytes; a signing key needs at least 32.");
  }
}
