package dev.keel.connectors.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.connectors.s3.S3FileSystemProvider;
import dev.keel.connectors.s3.S3Options;
import dev.keel.connectors.s3.testing.S3ProxyServer;
import dev.keel.kernel.Table;
import dev.keel.kernel.defaults.conformance.ConformanceCase;
import dev.keel.kernel.defaults.testing.TestBatches;
import dev.keel.kernel.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Tables on S3 (an S3 API server on a loopback port): the server reads them through the engine's S3
 * file system and hands out presigned S3 URLs, which a recipient downloads from the store itself;
 * what it reads back equals Spark's answers, deletion vectors and the change data feed included. A
 * file the log names outside the table's prefix is never signed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestSharingS3 {
  @TempDir static Path dir;
  private S3ProxyServer s3;
  private SharingTestServer server;

  @BeforeAll
  void start() throws Exception {
    s3 = S3ProxyServer.start(dir.resolve("s3"));
    s3.createBucket("lake");
    try (S3Client client =
        S3FileSystemProvider.client(
            S3Options.from(Map.of("keel.s3.endpoint", s3.endpoint()), Map.of()))) {
      upload(client, SharedData.casesDir().resolve("kernel-rs/cdf-table/table"), "cdf");
      upload(
          client,
          SharedData.casesDir().resolve("golden/dv-partitioned-with-checkpoint/table"),
          "dv");
      upload(
          client, SharedData.casesDir().resolve("golden/124-decimal-decode-bug/table"), "escaping");
      client.putObject(
          r -> r.bucket("lake").key("escaping/_delta_log/00000000000000000001.json"),
          RequestBody.fromString(
              "{\"add\":{\"path\":\"s3://lake/cdf/_delta_log/00000000000000000000.json\","
                  + "\"partitionValues\":{},\"size\":1,\"modificationTime\":1,\"dataChange\":true}}\n"));
    }
    String yaml =
        String.join(
            "\n",
            "version: 1",
            "shares:",
            "- name: share",
            "  schemas:",
            "  - name: s",
            "    tables:",
            "    - name: cdf",
            "      location: s3://lake/cdf",
            "      historyShared: true",
            "    - name: dv",
            "      location: s3a://lake/dv/",
            "    - name: escaping",
            "      location: s3://lake/escaping",
            "authorization:",
            "  bearerToken: " + SharingTestServer.TOKEN,
            "host: 127.0.0.1",
            "port: 0",
            "preSignedUrlTimeoutSeconds: 900",
            "fileSystemOptions:",
            "  keel.s3.endpoint: " + s3.endpoint(),
            "");
    server = SharingTestServer.start(yaml, dir);
  }

  private static void upload(S3Client client, Path table, String prefix) throws Exception {
    try (Stream<Path> files = Files.walk(table)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(f)) {
          String key = prefix + "/" + table.relativize(f).toString().replace('\\', '/');
          client.putObject(r -> r.bucket("lake").key(key), RequestBody.fromFile(f));
        }
      }
    }
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  @Test
  void presignedUrlsReadBackAsSparkAnswers() throws Exception {
    SharingClient client = server.client();
    for (String[] t :
        new String[][] {
          {"cdf", "kernel-rs/cdf-table"}, {"dv", "golden/dv-partitioned-with-checkpoint"}
        }) {
      SharingClient.Response r =
          client.post("/shares/share/schemas/s/tables/" + t[0] + "/query", "{}");
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      for (JsonNode l : r.lines()) {
        JsonNode add = l.path("file").path("deltaSingleAction").path("add");
        if (add.has("path")) {
          String url = add.get("path").asText();
          assertThat(url)
              .startsWith(s3.endpoint() + "/lake/" + t[0] + "/")
              .contains("X-Amz-Signature=");
          assertThat(url).contains("X-Amz-Expires=900");
        }
      }
      Path local =
          RecipientTable.fromQuery(client, r.lines(), Files.createTempDirectory(dir, t[0]));
      ConformanceCase c =
          ConformanceCase.all().stream().filter(x -> x.name.equals(t[1])).findFirst().orElseThrow();
      ConformanceCase.compareRows(
          t[1] + " from S3",
          TestBatches.canonicalRows(
              server.engine,
              Table.forPath(server.engine, local.toString()).getLatestSnapshot(server.engine)),
          c.expectedLatestRows().orElseThrow());
    }
  }

  @Test
  void theChangeDataFeedOfAnS3Table() throws Exception {
    SharingClient client = server.client();
    SharingClient.Response r =
        client.get("/shares/share/schemas/s/tables/cdf/changes?startingVersion=0&endingVersion=3");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    Path local =
        RecipientTable.fromChanges(client, r.lines(), 0, 3, Files.createTempDirectory(dir, "cdf"));
    ConformanceCase c =
        ConformanceCase.all().stream()
            .filter(x -> x.name.equals("kernel-rs/cdf-table"))
            .findFirst()
            .orElseThrow();
    ConformanceCase.compareRows(
        "cdf-table changes from S3",
        TestBatches.canonicalChangeRows(
            Table.forPath(server.engine, local.toString())
                .getChanges()
                .fromVersion(0)
                .toVersion(3)
                .build(server.engine)
                .readData(server.engine)),
        ConformanceCase.expectedLines(c.dir.resolve("expected/cdf_0_3.jsonl")));
  }

  @Test
  void aFileOutsideTheTablesPrefixIsNeverSigned() {
    SharingClient.Response r =
        server.client().post("/shares/share/schemas/s/tables/escaping/query", "{}");
    List<JsonNode> lines = r.lines();
    assertThat(lines.get(lines.size() - 1).get("endStreamAction").get("errorMessage").asText())
        .isEqualTo(
            "The table `share.s.escaping` names a file outside its directory; such files are never"
                + " shared. Ask its provider to rewrite the table.");
    assertThat(r.body()).doesNotContain("/lake/cdf/");
  }
}
