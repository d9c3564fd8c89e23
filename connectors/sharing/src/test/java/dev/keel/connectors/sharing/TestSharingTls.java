package dev.keel.connectors.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.kernel.testing.SharedData;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server speaking HTTPS from a PKCS12 key store (made here with the JDK's {@code keytool}): a
 * client that trusts the certificate gets answers and {@code https} file URLs; one that does not is
 * refused in the handshake.
 */
class TestSharingTls {
  @TempDir Path dir;

  @Test
  void theServerAnswersOverTls() throws Exception {
    Path store = dir.resolve("server.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "keel",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=ip:127.0.0.1,dns:localhost",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                "changeit",
                "-keypass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue())
        .as(new String(keytool.getInputStream().readAllBytes()))
        .isZero();
    Files.writeString(dir.resolve("password"), "changeit\n");
    String yaml =
        String.join(
            "\n",
            "version: 1",
            "shares:",
            "- name: share",
            "  schemas:",
            "  - name: s",
            "    tables:",
            "    - name: t",
            "      location: "
                + SharingTestServer.quote(
                    SharedData.casesDir()
                        .resolve("golden/124-decimal-decode-bug/table")
                        .toString()),
            "authorization:",
            "  bearerToken: " + SharingTestServer.TOKEN,
            "host: 127.0.0.1",
            "port: 0",
            "ssl:",
            "  keyStoreFile: server.p12",
            "  keyStorePasswordFile: password",
            "");
    try (SharingTestServer server = SharingTestServer.start(yaml, dir)) {
      assertThat(server.endpoint()).startsWith("https://127.0.0.1:");
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(store)) {
        trusted.load(in, "changeit".toCharArray());
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trusted);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, tmf.getTrustManagers(), null);
      HttpClient http =
          HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(server.endpoint() + "/shares/share/schemas/s/tables/t/query"))
                  .header("Authorization", "Bearer " + SharingTestServer.TOKEN)
                  .POST(HttpRequest.BodyPublishers.ofString("{}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      List<JsonNode> lines =
          new SharingClient.Response(r.statusCode(), r.headers(), r.body()).lines();
      String url = lines.get(2).get("file").get("url").asText();
      assertThat(url)
          .startsWith("https://127.0.0.1:" + server.server.getPort() + "/delta-sharing/files/");
      HttpResponse<byte[]> file =
          http.send(
              HttpRequest.newBuilder(URI.create(url)).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(file.statusCode()).isEqualTo(200);
      assertThat(new String(file.body(), 0, 4, java.nio.charset.StandardCharsets.US_ASCII))
          .isEqualTo("PAR1");
      // a client that does not trust the certificate gets no answer
      try {
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(server.endpoint() + "/shares")).build(),
                HttpResponse.BodyHandlers.ofString());
        throw new AssertionError("an untrusted certificate was accepted");
      } catch (SSLHandshakeException expected) {
        assertThat(expected).hasMessageContaining("PKIX");
      }
    }
  }
}
