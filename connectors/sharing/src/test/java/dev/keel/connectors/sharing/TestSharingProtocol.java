package dev.keel.connectors.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.kernel.testing.SharedData;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The protocol's examples (delta-io/delta-sharing PROTOCOL.md) and the reference server's
 * behaviour, endpoint by endpoint: status codes, headers ({@code Delta-Table-Version}, {@code
 * Content-Type}, {@code delta-sharing-capabilities}), NDJSON line shapes, pagination and error
 * bodies. Expected files and values come from the tables' own JSON commits ({@link RawLog}), read
 * without Keel.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestSharingProtocol {
  private static final String CDF = "/shares/share1/schemas/s1/tables/cdf";
  private static final String DV = "/shares/share1/schemas/s1/tables/dv";

  private SharingTestServer server;
  private SharingClient client;
  private SharingClient parquet;
  private Path cdfTable;
  private RawLog log;

  @BeforeAll
  void start() {
    cdfTable = SharedData.casesDir().resolve("kernel-rs/cdf-table/table");
    Path dvTable = SharedData.casesDir().resolve("golden/dv-partitioned-with-checkpoint/table");
    log = new RawLog(cdfTable);
    String yaml =
        String.join(
            "\n",
            "version: 1",
            "shares:",
            "- name: share1",
            "  id: 00000000-0000-0000-0000-000000000001",
            "  schemas:",
            "  - name: s1",
            "    tables:",
            "    - name: cdf",
            "      location: " + SharingTestServer.quote(cdfTable.toString()),
            "      id: 00000000-0000-0000-0000-00000000000a",
            "      historyShared: true",
            "    - name: dv",
            "      location: " + SharingTestServer.quote(dvTable.toString()),
            "  - name: s2",
            "    tables:",
            "    - name: cdf_now",
            "      location: " + SharingTestServer.quote(cdfTable.toString()),
            "    - name: cdf_from_2",
            "      location: " + SharingTestServer.quote(cdfTable.toString()),
            "      historyShared: true",
            "      startVersion: 2",
            "- name: share2",
            "  schemas:",
            "  - name: s3",
            "    tables: []",
            "- name: share3",
            "  schemas: []",
            "authorization:",
            "  bearerToken: " + SharingTestServer.TOKEN,
            "host: 127.0.0.1",
            "port: 0",
            "requestsPerSecond: 0",
            "timeZone: UTC",
            "");
    server = SharingTestServer.start(yaml, Path.of("."));
    client = server.client();
    parquet = client.withCapabilities(null);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void listSharesPagesWithTokensThatEndWhenTheListDoes() {
    SharingClient.Response first = client.get("/shares?maxResults=2");
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.header("Content-Type")).contains("application/json; charset=utf-8");
    JsonNode body = first.json();
    assertThat(body.get("items")).hasSize(2);
    assertThat(body.get("items").get(0).toString())
        .isEqualTo("{\"name\":\"share1\",\"id\":\"00000000-0000-0000-0000-000000000001\"}");
    String token = body.get("nextPageToken").asText();
    SharingClient.Response second =
        client.get("/shares?maxResults=2&pageToken=" + SharingClient.enc(token));
    assertThat(second.json().get("items")).hasSize(1);
    assertThat(second.json().get("items").get(0).get("name").asText()).isEqualTo("share3");
    assertThat(second.json().has("nextPageToken")).isFalse();
    assertThat(names(client.listAll("/shares", 1), "name"))
        .containsExactly("share1", "share2", "share3");
    // 0 returns no items but a token to go on with
    JsonNode none = client.get("/shares?maxResults=0").json();
    assertThat(none.get("items")).isEmpty();
    assertThat(none.get("nextPageToken").asText()).isNotEmpty();
    assertThat(names(client.listAll("/shares", 500), "name")).hasSize(3);
  }

  @Test
  void pageTokensAndPageSizesAreChecked() {
    String token = client.get("/shares?maxResults=1").json().get("nextPageToken").asText();
    String tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
    assertError(
        client.get("/shares?pageToken=" + SharingClient.enc(tampered)),
        400,
        "INVALID_PARAMETER_VALUE",
        "The page token is not valid: pass the nextPageToken of the previous page unchanged.");
    assertError(
        client.get("/shares/share1/schemas?pageToken=" + SharingClient.enc(token)),
        400,
        "INVALID_PARAMETER_VALUE",
        "The page token belongs to another listing: pass the nextPageToken of this listing's"
            + " previous page.");
    assertError(
        client.get("/shares?maxResults=-1"),
        400,
        "INVALID_PARAMETER_VALUE",
        "maxResults must not be negative, not -1.");
    assertError(
        client.get("/shares?maxResults=ten"),
        400,
        "INVALID_PARAMETER_VALUE",
        "maxResults must be a whole number, not `ten`.");
  }

  @Test
  void sharesSchemasAndTablesAreDescribed() {
    assertThat(client.get("/shares/SHARE1").json().toString())
        .isEqualTo(
            "{\"share\":{\"name\":\"share1\",\"id\":\"00000000-0000-0000-0000-000000000001\"}}");
    assertError(
        client.get("/shares/nope"), 404, "RESOURCE_DOES_NOT_EXIST", "There is no share `nope`.");
    assertThat(client.listAll("/shares/share1/schemas", 1).toString())
        .isEqualTo(
            "[{\"name\":\"s1\",\"share\":\"share1\"}, {\"name\":\"s2\",\"share\":\"share1\"}]");
    assertThat(client.get("/shares/share3/schemas").json().toString()).isEqualTo("{\"items\":[]}");
    List<JsonNode> tables = client.listAll("/shares/share1/schemas/s1/tables", 1);
    assertThat(tables.get(0).toString())
        .isEqualTo(
            "{\"name\":\"cdf\",\"schema\":\"s1\",\"share\":\"share1\","
                + "\"shareId\":\"00000000-0000-0000-0000-000000000001\","
                + "\"id\":\"00000000-0000-0000-0000-00000000000a\"}");
    assertThat(names(tables, "name")).containsExactly("cdf", "dv");
    assertThat(names(client.listAll("/shares/share1/all-tables", 2), "name"))
        .containsExactly("cdf", "dv", "cdf_now", "cdf_from_2");
    assertError(
        client.get("/shares/share1/schemas/s9/tables"),
        404,
        "RESOURCE_DOES_NOT_EXIST",
        "The share `share1` has no schema `s9`.");
    assertError(
        client.get("/shares/share1/schemas/s1/tables/t9/metadata"),
        404,
        "RESOURCE_DOES_NOT_EXIST",
        "The schema `share1.s1` has no table `t9`.");
  }

  @Test
  void theVersionIsAHeaderOfAnEmptyAnswer() {
    long latest = 3;
    SharingClient.Response r = client.get(CDF + "/version");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Delta-Table-Version")).contains(Long.toString(latest));
    assertThat(r.body()).isEmpty();
    SharingClient.Response head = client.head(CDF);
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.header("Delta-Table-Version")).contains(Long.toString(latest));
    // a time before the first commit gives version 0; one between commits the next commit
    assertThat(
            client
                .get(CDF + "/version?startingTimestamp=2000-01-01%2000:00:00")
                .header("Delta-Table-Version"))
        .contains("0");
    // the first version committed at or after a time (commit times as Keel reads them)
    dev.keel.kernel.Table table = dev.keel.kernel.Table.forPath(server.engine, cdfTable.toString());
    long[] times = new long[4];
    for (int v = 0; v < 4; v++) {
      times[v] = table.getSnapshotAsOfVersion(server.engine, v).getTimestamp();
    }
    // time travel makes commit times strictly increasing, as Delta does: each at least the
    // previous one plus a millisecond
    long[] adjusted = times.clone();
    for (int v = 1; v < 4; v++) {
      adjusted[v] = Math.max(adjusted[v], adjusted[v - 1] + 1);
    }
    for (int v = 0; v < 4; v++) {
      long firstAtOrAfter = 0;
      while (adjusted[(int) firstAtOrAfter] < times[v]) {
        firstAtOrAfter++;
      }
      String at = SharingClient.enc(java.time.Instant.ofEpochMilli(times[v]).toString());
      assertThat(client.get(CDF + "/version?startingTimestamp=" + at).header("Delta-Table-Version"))
          .contains(Long.toString(firstAtOrAfter));
    }
    assertThat(client.get(CDF + "/version?startingTimestamp=2999-01-01").status()).isEqualTo(400);
    assertError(
        client.get(CDF + "/version?startingTimestamp=yesterday"),
        400,
        "INVALID_PARAMETER_VALUE",
        "The startingTimestamp `yesterday` is not a timestamp: use `yyyy-mm-dd hh:mm:ss[.fff]`"
            + " (the server's time zone, UTC) or ISO-8601 with an offset, such as"
            + " `2024-01-31T10:00:00Z`.");
    assertThat(
            client
                .get(
                    "/shares/share1/schemas/s2/tables/cdf_now/version?startingTimestamp=2000-01-01")
                .status())
        .isEqualTo(400);
  }

  @Test
  void metadataIsTheProtocolAndTheTablesMetadata() {
    SharingClient.Response r = parquet.get(CDF + "/metadata");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).contains("application/x-ndjson; charset=utf-8");
    assertThat(r.header("Delta-Table-Version")).contains("3");
    assertThat(r.header("delta-sharing-capabilities")).contains("responseformat=parquet");
    List<JsonNode> lines = r.lines();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).toString()).isEqualTo("{\"protocol\":{\"minReaderVersion\":1}}");
    JsonNode expected = log.first(0, "metaData");
    JsonNode m = lines.get(1).get("metaData");
    assertThat(m.get("id")).isEqualTo(expected.get("id"));
    assertThat(m.get("schemaString")).isEqualTo(expected.get("schemaString"));
    assertThat(m.get("partitionColumns")).isEqualTo(expected.get("partitionColumns"));
    assertThat(m.get("configuration")).isEqualTo(expected.get("configuration"));
    assertThat(m.get("format").toString()).isEqualTo("{\"provider\":\"parquet\"}");

    // the delta format hands out the log's own protocol and metadata
    List<JsonNode> delta = client.get(CDF + "/metadata").lines();
    assertThat(delta.get(0).get("protocol").get("deltaProtocol"))
        .isEqualTo(log.first(0, "protocol"));
    assertThat(delta.get(1).get("metaData").get("deltaMetadata").get("schemaString"))
        .isEqualTo(expected.get("schemaString"));
    assertThat(delta.get(delta.size() - 1).has("endStreamAction")).isTrue();
  }

  @Test
  void aQueryGivesEveryLiveFileWithAWorkingUrl() {
    SharingClient.Response r = parquet.post(CDF + "/query", "{}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Delta-Table-Version")).contains("3");
    List<JsonNode> lines = r.lines();
    Map<String, JsonNode> live = log.liveFiles(3);
    List<JsonNode> files = lines.subList(2, lines.size());
    assertThat(files).hasSize(live.size());
    Set<String> ids = new HashSet<>();
    for (JsonNode line : files) {
      JsonNode f = line.get("file");
      assertThat(f.get("url").asText()).startsWith(server.endpoint() + "/files/");
      ids.add(f.get("id").asText());
      assertThat(f.get("expirationTimestamp").asLong()).isGreaterThan(System.currentTimeMillis());
      assertThat(f.has("version")).isFalse();
      assertThat(f.has("timestamp")).isFalse();
    }
    assertThat(ids).hasSize(live.size());
    // each URL downloads the file the log names, with its size, partition values and stats
    Map<Long, JsonNode> bySize = new HashMap<>();
    for (JsonNode line : files) {
      JsonNode f = line.get("file");
      byte[] bytes = client.download(f.get("url").asText());
      JsonNode add = matching(live, bytes);
      assertThat(f.get("size").asLong()).isEqualTo(add.get("size").asLong());
      assertThat(f.get("partitionValues")).isEqualTo(add.get("partitionValues"));
      assertThat(f.get("stats").asText()).isEqualTo(add.get("stats").asText());
      bySize.put(f.get("size").asLong(), f);
    }
    // ids are the same in every answer
    Set<String> again = new HashSet<>();
    for (JsonNode line : parquet.post(CDF + "/query", "{}").lines().subList(2, 2 + live.size())) {
      again.add(line.get("file").get("id").asText());
    }
    assertThat(again).isEqualTo(ids);
  }

  private JsonNode matching(Map<String, JsonNode> live, byte[] bytes) {
    for (JsonNode add : live.values()) {
      Path local =
          cdfTable.resolve(URLDecoder.decode(add.get("path").asText(), StandardCharsets.UTF_8));
      try {
        if (java.util.Arrays.equals(Files.readAllBytes(local), bytes)) {
          return add;
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    throw new AssertionError("a URL downloaded bytes of no live file");
  }

  @Test
  void jsonPredicateHintsPruneByPartitionAndBadHintsAreIgnored() {
    String hint =
        "{\"op\":\"equal\",\"children\":[{\"op\":\"column\",\"name\":\"birthday\",\"valueType\":\"date\"},"
            + "{\"op\":\"literal\",\"value\":\"2023-12-22\",\"valueType\":\"date\"}]}";
    List<String> expected = new ArrayList<>();
    for (JsonNode add : log.liveFiles(3).values()) {
      if (add.get("partitionValues").get("birthday").asText().equals("2023-12-22")) {
        expected.add(add.get("size").asText() + " " + add.get("partitionValues"));
      }
    }
    expected.sort(null);
    assertThat(expected).isNotEmpty();
    assertThat(
            filesOf(
                parquet.post(CDF + "/query", "{\"jsonPredicateHints\":" + quoteJson(hint) + "}")))
        .isEqualTo(expected);
    // an unknown column or op: the hint is skipped and every file returned
    String bad = hint.replace("birthday", "nope");
    assertThat(
            filesOf(
                parquet.post(CDF + "/query", "{\"jsonPredicateHints\":" + quoteJson(bad) + "}")))
        .hasSize(log.liveFiles(3).size());
    assertThat(
            filesOf(
                parquet.post(CDF + "/query", "{\"predicateHints\":[\"birthday = '2023-12-22'\"]}")))
        .hasSize(log.liveFiles(3).size());
  }

  @Test
  void limitHintStopsOnceTheFilesHoldEnoughRows() {
    List<JsonNode> all = parquet.post(CDF + "/query", "{}").lines();
    List<JsonNode> one = parquet.post(CDF + "/query", "{\"limitHint\":1}").lines();
    assertThat(one).hasSize(3);
    assertThat(all.size()).isGreaterThan(3);
  }

  @Test
  void timeTravelNamesTheVersionOfEveryFile() {
    SharingClient.Response r = parquet.post(CDF + "/query", "{\"version\":0}");
    assertThat(r.header("Delta-Table-Version")).contains("0");
    List<JsonNode> lines = r.lines();
    assertThat(lines.get(1).get("metaData").get("version").asLong()).isZero();
    assertThat(lines.subList(2, lines.size())).hasSize(log.liveFiles(0).size());
    for (JsonNode l : lines.subList(2, lines.size())) {
      assertThat(l.get("file").get("version").asLong()).isZero();
      assertThat(l.get("file").get("timestamp").asLong()).isEqualTo(log.modificationTime(0));
    }
    SharingClient.Response t =
        parquet.post(
            CDF + "/query",
            "{\"timestamp\":\"" + java.time.Instant.ofEpochMilli(log.modificationTime(0)) + "\"}");
    assertThat(t.header("Delta-Table-Version")).contains("0");
    assertError(
        parquet.post(CDF + "/query", "{\"version\":0,\"timestamp\":\"2024-01-01 00:00:00\"}"),
        400,
        "INVALID_PARAMETER_VALUE",
        "Please only provide one of: version, timestamp, startingVersion.");
    assertError(
        parquet.post(CDF + "/query", "{\"endingVersion\":2}"),
        400,
        "INVALID_PARAMETER_VALUE",
        "endingVersion needs startingVersion.");
    assertError(
        parquet.post("/shares/share1/schemas/s2/tables/cdf_now/query", "{\"version\":1}"),
        400,
        "INVALID_PARAMETER_VALUE",
        "The table `share1.s2.cdf_now` is shared without its history, so version cannot be used;"
            + " its provider can set historyShared: true.");
    assertError(
        parquet.post("/shares/share1/schemas/s2/tables/cdf_from_2/query", "{\"version\":1}"),
        400,
        "INVALID_PARAMETER_VALUE",
        "The table `share1.s2.cdf_from_2` shares its history from version 2 on; version 1 is not"
            + " shared.");
    assertThat(
            parquet
                .post("/shares/share1/schemas/s2/tables/cdf_from_2/query", "{\"version\":2}")
                .status())
        .isEqualTo(200);
    assertError(
        parquet.post(CDF + "/query", "{\"version\":99}"), 400, "INVALID_PARAMETER_VALUE", null);
  }

  @Test
  void startingVersionGivesTheDataChangeFilesOfEachCommit() {
    SharingClient.Response r =
        parquet.post(CDF + "/query", "{\"startingVersion\":1,\"endingVersion\":2}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Delta-Table-Version")).contains("1");
    Map<String, Integer> expected = new TreeMap<>();
    for (long v = 1; v <= 2; v++) {
      for (JsonNode a : log.actions(v)) {
        for (String kind : List.of("add", "remove")) {
          if (a.has(kind) && a.get(kind).get("dataChange").asBoolean()) {
            expected.merge(kind + "@" + v, 1, Integer::sum);
          }
        }
      }
    }
    Map<String, Integer> actual = new TreeMap<>();
    for (JsonNode l : r.lines().subList(2, r.lines().size())) {
      String kind = l.fieldNames().next();
      JsonNode f = l.get(kind);
      long v = f.get("version").asLong();
      assertThat(f.get("timestamp").asLong()).isEqualTo(log.modificationTime(v));
      actual.merge(kind + "@" + v, 1, Integer::sum);
    }
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void changesGiveTheChangeDataFilesWhereACommitHasThem() {
    SharingClient.Response r = parquet.get(CDF + "/changes?startingVersion=0&endingVersion=3");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Delta-Table-Version")).contains("0");
    Map<String, Integer> expected = new TreeMap<>();
    for (long v = 0; v <= 3; v++) {
      boolean hasCdc = log.actions(v).stream().anyMatch(a -> a.has("cdc"));
      for (JsonNode a : log.actions(v)) {
        if (hasCdc && a.has("cdc")) {
          expected.merge("cdf@" + v, 1, Integer::sum);
        } else if (!hasCdc && a.has("add")) {
          expected.merge("add@" + v, 1, Integer::sum);
        } else if (!hasCdc && a.has("remove")) {
          expected.merge("remove@" + v, 1, Integer::sum);
        }
      }
    }
    Map<String, Integer> actual = new TreeMap<>();
    for (JsonNode l : r.lines().subList(2, r.lines().size())) {
      String kind = l.fieldNames().next();
      actual.merge(kind + "@" + l.get(kind).get("version").asLong(), 1, Integer::sum);
    }
    assertThat(actual).isEqualTo(expected);
    assertError(
        parquet.get(CDF + "/changes"),
        400,
        "INVALID_PARAMETER_VALUE",
        "Give exactly one of startingVersion and startingTimestamp.");
    assertError(
        parquet.get(CDF + "/changes?startingVersion=2&endingVersion=1"),
        400,
        "INVALID_PARAMETER_VALUE",
        "The versions 2 to 1 are not a range: the start must not be after the end.");
    assertError(
        parquet.get(CDF + "/changes?startingVersion=0&endingVersion=9"),
        400,
        "INVALID_PARAMETER_VALUE",
        "The version 9 of `share1.s1.cdf` does not exist yet; the latest is 3.");
    assertThat(
            parquet
                .get("/shares/share1/schemas/s2/tables/cdf_now/changes?startingVersion=0")
                .status())
        .isEqualTo(400);
  }

  @Test
  void tablesWithDeletionVectorsNeedTheDeltaFormat() {
    assertError(
        parquet.post(DV + "/query", "{}"),
        400,
        "INVALID_PARAMETER_VALUE",
        "The table `share1.s1.dv` uses deletion vectors or column mapping, so its files cannot be"
            + " read without its log: ask for responseformat=delta in the"
            + " delta-sharing-capabilities header (a client of delta-sharing 1.1 or later).");
    assertError(
        client.withCapabilities("responseformat=delta").post(DV + "/query", "{}"),
        400,
        "INVALID_PARAMETER_VALUE",
        "The table `share1.s1.dv` needs the reader features [deletionVectors], which the client"
            + " did not declare (readerfeatures= in the delta-sharing-capabilities header):"
            + " upgrade the client.");
    SharingClient.Response r = client.post(DV + "/query", "{}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("delta-sharing-capabilities")).contains("responseformat=delta");
    int withDv = 0;
    for (JsonNode l : r.lines()) {
      JsonNode add = l.path("file").path("deltaSingleAction").path("add");
      if (add.has("deletionVector")) {
        JsonNode dv = add.get("deletionVector");
        if (!dv.get("storageType").asText().equals("i")) {
          assertThat(dv.get("storageType").asText()).isEqualTo("p");
          assertThat(dv.get("pathOrInlineDv").asText()).startsWith(server.endpoint() + "/files/");
          assertThat(client.download(dv.get("pathOrInlineDv").asText()).length)
              .isGreaterThanOrEqualTo(dv.get("offset").asInt() + dv.get("sizeInBytes").asInt());
        }
        withDv++;
      }
    }
    assertThat(withDv).isPositive();
    List<JsonNode> lines = r.lines();
    JsonNode end = lines.get(lines.size() - 1).get("endStreamAction");
    assertThat(end.get("minUrlExpirationTimestamp").asLong())
        .isGreaterThan(System.currentTimeMillis());
    assertThat(
            client
                .withCapabilities("responseformat=delta;readerfeatures=deletionvectors")
                .post(DV + "/query", "{}")
                .lines())
        .noneMatch(l -> l.has("endStreamAction"));
  }

  @Test
  void badRequestsGetTheProtocolsErrorBody() {
    assertError(client.get("/nothing"), 404, "RESOURCE_DOES_NOT_EXIST", "No such endpoint.");
    assertError(
        client.get(CDF + "/query"),
        405,
        "INVALID_PARAMETER_VALUE",
        "The method GET is not allowed here; use POST.");
    assertError(
        client.post(CDF + "/query", "{not json"),
        400,
        "INVALID_PARAMETER_VALUE",
        "The request body is not JSON.");
    assertError(
        client.post(CDF + "/query", "[1]"),
        400,
        "INVALID_PARAMETER_VALUE",
        "The request body must be a JSON object, `{}` at least.");
    assertError(
        client.post(CDF + "/query", "{\"version\":\"one\"}"),
        400,
        "INVALID_PARAMETER_VALUE",
        "version must be a whole number, not \"one\".");
  }

  @Test
  void everyRequestIsLoggedWithoutTokensOrSignatures() {
    client.get("/shares");
    client.withCapabilities(null).post(CDF + "/query", "{}");
    List<String> lines = new ArrayList<>(server.accessLog);
    assertThat(lines).isNotEmpty();
    for (String line : lines) {
      JsonNode l = SharingClient.json(line);
      assertThat(l.get("status").asInt()).isPositive();
      assertThat(line).doesNotContain(SharingTestServer.TOKEN).doesNotContain("signature");
    }
    assertThat(lines)
        .anyMatch(
            l -> l.contains("\"path\":\"/delta-sharing/shares\"") && l.contains("\"status\":200"));
  }

  private static List<String> filesOf(SharingClient.Response r) {
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    List<String> out = new ArrayList<>();
    for (JsonNode l : r.lines()) {
      if (l.has("file")) {
        out.add(l.get("file").get("size").asText() + " " + l.get("file").get("partitionValues"));
      }
    }
    out.sort(null);
    return out;
  }

  private static String quoteJson(String s) {
    return SharingClient.JSON.getNodeFactory().textNode(s).toString();
  }

  private static List<String> names(List<JsonNode> items, String field) {
    List<String> out = new ArrayList<>();
    items.forEach(i -> out.add(i.get(field).asText()));
    return out;
  }

  static void assertError(SharingClient.Response r, int status, String code, String message) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.header("Content-Type")).contains("application/json; charset=utf-8");
    JsonNode body = r.json();
    assertThat(body.get("errorCode").asText()).isEqualTo(code);
    if (message != null) {
      assertThat(body.get("message").asText()).isEqualTo(message);
    } else {
      assertThat(body.get("message").asText()).isNotEmpty();
    }
  }
}
