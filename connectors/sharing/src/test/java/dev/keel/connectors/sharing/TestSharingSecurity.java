package dev.keel.connectors.sharing;

import static dev.keel.connectors.sharing.TestSharingProtocol.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.kernel.testing.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a hostile or careless client meets: missing, wrong and other shares' tokens, tampered and
 * expired file URLs, traversal in every path parameter (raw, percent-encoded, double-encoded),
 * bodies too large, a client that stops mid-request, bursts over the rate limit, and tables whose
 * logs point outside themselves. Nothing outside the configured tables is ever served: a secret
 * file beside the tables is checked for in every answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestSharingSecurity {
  private static final String SECRET = "this-must-never-be-served-8d1f";
  private static final String TOKEN_A = "token-of-share-a-1111111111111111";
  private static final String TOKEN_B = "token-of-share-b-2222222222222222";
  private static final String T1 = "/shares/a/schemas/s/tables/t1";

  @TempDir static Path dir;
  private SharingTestServer server;
  private Path secretFile;

  @BeforeAll
  void start() throws IOException {
    String source = "golden/124-decimal-decode-bug";
    Path tables = Files.createDirectories(dir.resolve("tables"));
    SharedData.copyTable(source, tables.resolve("t1"));
    SharedData.copyTable(source, tables.resolve("t2"));
    SharedData.copyTable(source, tables.resolve("escaping"));
    SharedData.copyTable(source, tables.resolve("linked"));
    secretFile = Files.writeString(dir.resolve("secret.parquet"), SECRET);
    // a commit that adds a file by an absolute path outside the table
    Files.writeString(
        tables.resolve("escaping/_delta_log/00000000000000000001.json"),
        "{\"add\":{\"path\":\"file:"
            + secretFile
            + "\",\"partitionValues\":{},\"size\":30,"
            + "\"modificationTime\":1,\"dataChange\":true}}\n");
    // a data file replaced by a symbolic link to the secret
    Path linked;
    try (Stream<Path> files = Files.list(tables.resolve("linked"))) {
      linked = files.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
    Files.delete(linked);
    Files.createSymbolicLink(linked, secretFile);
    String yaml =
        String.join(
            "\n",
            "version: 1",
            "shares:",
            "- name: a",
            "  schemas:",
            "  - name: s",
            "    tables:",
            "    - name: t1",
            "      location: tables/t1",
            "    - name: escaping",
            "      location: tables/escaping",
            "    - name: linked",
            "      location: tables/linked",
            "- name: b",
            "  schemas:",
            "  - name: s",
            "    tables:",
            "    - name: t2",
            "      location: tables/t2",
            "authorization:",
            "  shares:",
            "  - name: a",
            "    bearerToken: " + TOKEN_A,
            "  - name: b",
            "    bearerToken: " + TOKEN_B,
            "host: 127.0.0.1",
            "port: 0",
            "idleTimeoutSeconds: 1",
            "requestsPerSecond: 0",
            "maxRequestBodyBytes: 4096",
            "");
    server = SharingTestServer.start(yaml, dir);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void everyTableEndpointNeedsAValidBearerToken() {
    List<String> paths =
        List.of(
            "/shares",
            "/shares/a",
            "/shares/a/schemas",
            "/shares/a/all-tables",
            "/shares/a/schemas/s/tables",
            T1 + "/version",
            T1 + "/metadata",
            T1 + "/changes?startingVersion=0");
    for (SharingClient c :
        List.of(server.client(null), server.client("wrong-token"), server.client(TOKEN_A + "x"))) {
      for (String p : paths) {
        assertError(
            c.get(p),
            401,
            "UNAUTHENTICATED",
            "The request needs a valid bearer token: send `Authorization: Bearer <token>` with the"
                + " token of your profile file.");
      }
      assertThat(c.post(T1 + "/query", "{}").status()).isEqualTo(401);
    }
    String basic =
        RawHttp.exchange(
            server.server.getPort(),
            "GET /delta-sharing/shares HTTP/1.1\r\nHost: x\r\nAuthorization: Basic "
                + TOKEN_A
                + "\r\nConnection: close\r\n\r\n");
    assertThat(RawHttp.status(basic)).isEqualTo(401);
  }

  @Test
  void aShareTokenReachesItsShareOnly() {
    SharingClient a = server.client(TOKEN_A);
    assertThat(a.listAll("/shares", 10))
        .extracting(n -> n.get("name").asText())
        .containsExactly("a");
    assertThat(a.post(T1 + "/query", "{}").status()).isEqualTo(200);
    assertError(
        a.get("/shares/b/schemas/s/tables/t2/metadata"),
        403,
        "PERMISSION_DENIED",
        "The bearer token does not reach the share `b`.");
    assertError(
        a.get("/shares/B"),
        403,
        "PERMISSION_DENIED",
        "The bearer token does not reach the share `b`.");
    assertThat(a.post("/shares/b/schemas/s/tables/t2/query", "{}").status()).isEqualTo(403);
    assertThat(server.client(TOKEN_B).post("/shares/b/schemas/s/tables/t2/query", "{}").status())
        .isEqualTo(200);
  }

  private List<String> urls(SharingClient c, String table) {
    List<String> out = new ArrayList<>();
    for (JsonNode l : c.withCapabilities(null).post(table + "/query", "{}").lines()) {
      if (l.has("file")) {
        out.add(l.get("file").get("url").asText());
      }
    }
    assertThat(out).isNotEmpty();
    return out;
  }

  @Test
  void tamperedFileUrlsAreRefused() {
    SharingClient a = server.client(TOKEN_A);
    String url = urls(a, T1).get(0);
    assertThat(a.download(url)).isNotEmpty();
    String denied = "The file URL is not valid: query the table again for a new one.";
    int sig = url.indexOf("&signature=") + "&signature=".length();
    String flipped =
        url.substring(0, sig) + (url.charAt(sig) == 'A' ? 'B' : 'A') + url.substring(sig + 1);
    long expires = Long.parseLong(url.substring(url.indexOf("expires=") + 8, url.indexOf('&')));
    String later = url.replace("expires=" + expires, "expires=" + (expires + 3600));
    String unsigned = url.substring(0, url.indexOf("&signature="));
    String[] parts = url.substring(0, url.indexOf('?')).split("/");
    String otherTable =
        url.replace(
            parts[parts.length - 2],
            java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("b/s/t2".getBytes(StandardCharsets.UTF_8)));
    String otherFile =
        url.replace(
            parts[parts.length - 1],
            java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("../../secret.parquet".getBytes(StandardCharsets.UTF_8)));
    for (String bad : List.of(flipped, later, unsigned, otherTable, otherFile)) {
      SharingClient.Response r =
          a.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(bad)).build());
      assertError(r, 403, "PERMISSION_DENIED", denied);
    }
  }

  @Test
  void expiredFileUrlsAreRefused() throws Exception {
    String yaml =
        "version: 1\nshares:\n- name: a\n  schemas:\n  - name: s\n    tables:\n    - name: t1\n"
            + "      location: tables/t1\nauthorization:\n  bearerToken: "
            + TOKEN_A
            + "\nhost: 127.0.0.1\nport: 0\npreSignedUrlTimeoutSeconds: 1\n";
    try (SharingTestServer shortLived = SharingTestServer.start(yaml, dir)) {
      SharingClient a = shortLived.client(TOKEN_A);
      String url = urls(a, T1).get(0);
      long expires = Long.parseLong(url.substring(url.indexOf("expires=") + 8, url.indexOf('&')));
      long waitMillis = expires * 1000 + 1100 - System.currentTimeMillis();
      Thread.sleep(Math.max(0, Math.min(waitMillis, 3_000)));
      SharingClient.Response r =
          a.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build());
      assertError(
          r,
          403,
          "PERMISSION_DENIED",
          "The file URL has expired: query the table again for a new one.");
    }
  }

  @Test
  void traversalInAnyPathParameterReachesNothing() {
    int port = server.server.getPort();
    List<String> attacks =
        List.of(
            "..",
            "%2e%2e",
            "%252e%252e",
            "..%2f..%2f..",
            "%2e%2e%2f%2e%2e",
            "..%5c..",
            "%2F",
            "a%00b",
            "..;",
            "tables%2Ft1");
    List<String> templates =
        List.of(
            "/delta-sharing/shares/{}/schemas/s/tables/t1/metadata",
            "/delta-sharing/shares/a/schemas/{}/tables/t1/metadata",
            "/delta-sharing/shares/a/schemas/s/tables/{}/metadata",
            "/delta-sharing/shares/a/schemas/s/tables/t1/{}",
            "/delta-sharing/files/{}/{}",
            "/delta-sharing/{}/shares",
            "/delta-sharing/shares/{}/{}/{}/secret.parquet");
    int checked = 0;
    for (String template : templates) {
      for (String attack : attacks) {
        String target = template.replace("{}", attack);
        String response = RawHttp.get(port, target, TOKEN_A);
        int status = RawHttp.status(response);
        assertThat(status).as(target + " -> " + response).isIn(400, 403, 404, 405);
        assertThat(response).doesNotContain(SECRET);
        checked++;
      }
    }
    // the raw dot segments of a request line, which clients normalize before sending
    for (String target :
        List.of(
            "/delta-sharing/shares/../../../secret.parquet",
            "/delta-sharing/files/../../secret.parquet",
            "/../secret.parquet",
            "/delta-sharing/shares/a/schemas/s/tables/t1/../../../../../tables/t1/_delta_log")) {
      String response = RawHttp.get(port, target, TOKEN_A);
      assertThat(RawHttp.status(response)).as(target).isIn(400, 403, 404);
      assertThat(response).doesNotContain(SECRET).doesNotContain("commitInfo");
      checked++;
    }
    assertThat(checked).isEqualTo(templates.size() * attacks.size() + 4);
  }

  @Test
  void filesOutsideATableAreNeverHandedOut() throws Exception {
    SharingClient a = server.client(TOKEN_A);
    // an absolute path in the log: the answer ends with the reason, and no URL names the file
    SharingClient.Response r = a.post("/shares/a/schemas/s/tables/escaping/query", "{}");
    assertThat(r.status()).isEqualTo(200);
    List<JsonNode> lines = r.lines();
    assertThat(lines.get(lines.size() - 1).get("endStreamAction").get("errorMessage").asText())
        .isEqualTo(
            "The table `a.s.escaping` names a file outside its directory; such files are never"
                + " shared. Ask its provider to rewrite the table.");
    assertThat(r.body()).doesNotContain(secretFile.toString());
    // without an end line to carry the error, the error is the status (or, once lines were sent,
    // the response is cut off rather than completed)
    java.net.http.HttpResponse<String> cut =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(
                            server.endpoint() + "/shares/a/schemas/s/tables/escaping/query"))
                    .header("Authorization", "Bearer " + TOKEN_A)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(cut.statusCode()).isEqualTo(500);
    assertThat(cut.body()).doesNotContain(SECRET);
    // a data file that is a symbolic link out of the table: listed, but its URL serves nothing
    int refused = 0;
    for (String url : urls(a, "/shares/a/schemas/s/tables/linked")) {
      SharingClient.Response f =
          a.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build());
      assertThat(f.body()).doesNotContain(SECRET);
      if (f.status() != 200) {
        assertError(
            f,
            403,
            "PERMISSION_DENIED",
            "The file URL is not valid: query the table again for a new one.");
        refused++;
      }
    }
    assertThat(refused).isEqualTo(1);
  }

  @Test
  void bodiesOverTheLimitAreRefusedUnread() {
    SharingClient a = server.client(TOKEN_A);
    String big = "{\"predicateHints\":[\"" + "x".repeat(10_000) + "\"]}";
    assertError(
        a.post(T1 + "/query", big),
        413,
        "INVALID_PARAMETER_VALUE",
        "The request body is larger than 4096 bytes.");
    // a declared length far over the limit is answered before any of the body is sent
    String response =
        RawHttp.exchange(
            server.server.getPort(),
            "POST /delta-sharing"
                + T1
                + "/query HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + TOKEN_A
                + "\r\nContent-Type: application/json\r\nContent-Length: 1000000000\r\n"
                + "Connection: close\r\n\r\n{");
    assertThat(RawHttp.status(response)).isEqualTo(413);
  }

  @Test
  void aClientThatStopsMidRequestIsDisconnected() throws Exception {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", server.server.getPort()), 5_000);
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(
          "GET /delta-sharing/shares HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      long start = System.nanoTime();
      InputStream in = s.getInputStream();
      String answer = RawHttp.readAll(in);
      long waited = (System.nanoTime() - start) / 1_000_000;
      // the idle timeout is 1 s: the connection is closed (with or without a 408) well before 10 s
      assertThat(waited).isLessThan(9_000);
      assertThat(answer).doesNotContain("\"items\"");
    }
  }

  @Test
  void connectionsAreKeptAliveBetweenRequests() throws Exception {
    String one =
        "GET /delta-sharing/shares HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
            + TOKEN_A
            + "\r\n\r\n";
    String two =
        "GET /delta-sharing/shares/a HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
            + TOKEN_A
            + "\r\nConnection: close\r\n\r\n";
    String both = RawHttp.exchange(server.server.getPort(), one + two);
    assertThat(both.split("HTTP/1.1 200 OK", -1)).hasSize(3);
    assertThat(both).contains("{\"share\":{\"name\":\"a\"");
  }

  @Test
  void burstsOverTheRateLimitGet429() throws Exception {
    String yaml =
        "version: 1\nshares: []\nauthorization:\n  bearerToken: "
            + TOKEN_A
            + "\nhost: 127.0.0.1\nport: 0\nrequestsPerSecond: 5\n";
    try (SharingTestServer limited = SharingTestServer.start(yaml, dir)) {
      SharingClient a = limited.client(TOKEN_A);
      int ok = 0;
      int limitedCount = 0;
      for (int i = 0; i < 40; i++) {
        SharingClient.Response r = a.get("/shares");
        if (r.status() == 200) {
          ok++;
        } else {
          assertError(
              r,
              429,
              "RESOURCE_EXHAUSTED",
              "Too many requests: slow down and retry after a second.");
          assertThat(r.header("Retry-After")).contains("1");
          limitedCount++;
        }
      }
      assertThat(ok).isBetween(5, 39);
      assertThat(limitedCount).isPositive();
      // another caller has its own budget
      assertThat(limited.client("unknown").get("/shares").status()).isEqualTo(401);
    }
  }
}
