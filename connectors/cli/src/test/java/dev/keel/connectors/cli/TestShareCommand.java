package dev.keel.connectors.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.connectors.cli.TestKeelCli.Result;
import dev.keel.kernel.testing.SharedData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestShareCommand {
  @TempDir Path dir;

  @Test
  void servesTheConfiguredTablesUntilStopped() throws Exception {
    Path table = SharedData.casesDir().resolve("kernel-rs/cdf-table/table");
    Path config =
        Files.writeString(
            dir.resolve("sharing.yaml"),
            String.join(
                "\n",
                "version: 1",
                "shares:",
                "- name: sales",
                "  schemas:",
                "  - name: eu",
                "    tables:",
                "    - name: orders",
                "      location: '" + table + "'",
                "authorization:",
                "  bearerToken: secret-token-of-the-test",
                "host: 127.0.0.1",
                "port: 8080",
                "accessLog: false",
                ""));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    AtomicInteger code = new AtomicInteger(-1);
    Thread cli =
        new Thread(
            () ->
                code.set(
                    KeelCli.run(
                        new PrintWriter(out, true),
                        new PrintWriter(err, true),
                        "share",
                        "--config",
                        config.toString(),
                        "--port",
                        "0")));
    cli.start();
    Pattern serving =
        Pattern.compile("Serving 1 share \\(1 table\\) at (http://127.0.0.1:\\d+/delta-sharing)");
    Matcher m = serving.matcher("");
    for (int i = 0; i < 300 && !(m = serving.matcher(out.toString())).find(); i++) {
      Thread.sleep(100);
    }
    assertThat(m.find(0)).as(out + " " + err).isTrue();
    String endpoint = m.group(1);
    assertThat(out.toString())
        .contains(
            "A recipient's profile file: {\"shareCredentialsVersion\":1,\"endpoint\":\""
                + endpoint
                + "\",\"bearerToken\":\"<their token>\"}")
        .doesNotContain("secret-token-of-the-test");
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(endpoint + "/shares/sales/schemas/eu/tables/orders/version"))
                    .header("Authorization", "Bearer secret-token-of-the-test")
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Delta-Table-Version")).contains("3");
    cli.interrupt();
    cli.join(30_000);
    assertThat(cli.isAlive()).isFalse();
    assertThat(code.get()).isZero();
  }

  @Test
  void aBadConfigurationIsRefusedWithItsLine() throws Exception {
    Path config =
        Files.writeString(dir.resolve("bad.yaml"), "version: 1\nshares: []\nauthorisation: {}\n");
    Result r = TestKeelCli.run("share", "--config", config.toString());
    assertThat(r.code).isEqualTo(1);
    assertThat(r.err)
        .isEqualTo(
            "keel share: Cannot use the sharing configuration `"
                + config
                + "`: line 3: unknown key `authorisation`; the keys allowed here are accessLog,"
                + " authorization, endpoint, fileSystemOptions, host, idleTimeoutSeconds,"
                + " maxPageSize, maxRequestBodyBytes, port, preSignedUrlTimeoutSeconds, publicUrl,"
                + " requestsPerSecond, shares, snapshotCacheEntries, ssl, timeZone,"
                + " urlSigningKeyFile, version."
                + System.lineSeparator());
    assertThat(TestKeelCli.run("share").err).contains("Missing required option: '--config=FILE'");
  }
}
