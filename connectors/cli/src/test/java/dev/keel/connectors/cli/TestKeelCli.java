package dev.keel.connectors.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.kernel.internal.util.Json;
import dev.keel.kernel.testing.SharedData;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keel tool end to end, in process: outputs, exit codes, and answers against the shared cases.
 */
class TestKeelCli {
  @TempDir Path dir;

  static final class Result {
    final int code;
    final String out;
    final String err;

    Result(int code, String out, String err) {
      this.code = code;
      this.out = out;
      this.err = err;
    }
  }

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = KeelCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void printsVersionAndHelp() {
    Result version = run("--version");
    assertThat(version.code).isZero();
    assertThat(version.out)
        .isEqualTo("keel 0.1.0-SNAPSHOT (development build)" + System.lineSeparator());
    Result help = run("--help");
    assertThat(help.out)
        .startsWith("Usage: keel [-hV] [COMMAND]")
        .contains(
            "describe",
            "history",
            "files",
            "cat",
            "create",
            "append",
            "delete",
            "checkpoint",
            "demo");
    for (String cmd :
        List.of(
            "describe",
            "history",
            "files",
            "cat",
            "create",
            "append",
            "delete",
            "checkpoint",
            "demo")) {
      Result r = run(cmd, "--help");
      assertThat(r.code).as(cmd).isZero();
      assertThat(r.out).as(cmd).startsWith("Usage: keel " + cmd);
      assertThat(r.err).as(cmd).isEmpty();
    }
  }

  @Test
  void userErrorsAreOneLineWithExitCodeOneAndUsageErrorsExitTwo() {
    Result missing = run("describe", dir.resolve("nope").toString());
    assertThat(missing.code).isEqualTo(1);
    assertThat(missing.err)
        .isEqualTo(
            "keel describe: No Delta table at `file:"
                + dir.resolve("nope")
                + "`: there is no _delta_log "
                + "directory. Check the path; a Delta table is a directory with a _delta_log directory holding commit files."
                + System.lineSeparator());
    Result usage = run("cat");
    assertThat(usage.code).isEqualTo(2);
    assertThat(usage.err).startsWith("Missing required parameter: 'TABLE'");
    Result unknown = run("describe", "--nope", "x");
    assertThat(unknown.code).isEqualTo(2);
    Result verbose = run("describe", "--verbose", dir.resolve("nope").toString());
    assertThat(verbose.err).contains("at dev.keel.kernel");
  }

  @Test
  void createsAppendsDeletesAndReads() throws IOException {
    String table = dir.resolve("t").toString();
    assertThat(
            run(
                    "create",
                    table,
                    "--schema",
                    "id BIGINT NOT NULL, city STRING, price DECIMAL(6,2), tags ARRAY<STRING>",
                    "--partitioned-by",
                    "city",
                    "--property",
                    "delta.checkpointInterval=100")
                .out)
        .isEqualTo("Created " + table + " at version 0." + System.lineSeparator());
    Path csv = dir.resolve("a.csv");
    Files.write(
        csv,
        "id,city,price,tags\n1,Paris,1.50,\"[\"\"x\"\"]\"\n2,\"Rome, IT\",3.25,\n3,,9.99,[]\n"
            .getBytes(StandardCharsets.UTF_8));
    Path jsonl = dir.resolve("b.jsonl");
    Files.write(
        jsonl, "{\"id\":4,\"city\":\"Paris\",\"price\":100.5}\n".getBytes(StandardCharsets.UTF_8));
    Result append = run("append", table, csv.toString(), jsonl.toString());
    assertThat(append.err).isEmpty();
    assertThat(append.out)
        .isEqualTo("Appended 4 rows from 2 files at version 1." + System.lineSeparator());
    assertThat(run("delete", table, "--where", "price > 9 AND city = 'Paris'").out)
        .contains("Deleted 1 row at version 2.");
    Result rows = run("cat", table, "--format", "jsonl");
    assertThat(rows.out.lines().sorted())
        .containsExactly(
            "{\"city\":\"Paris\",\"id\":1,\"price\":\"1.50\",\"tags\":[\"x\"]}",
            "{\"city\":\"Rome, IT\",\"id\":2,\"price\":\"3.25\",\"tags\":null}",
            "{\"city\":null,\"id\":3,\"price\":\"9.99\",\"tags\":[]}");
    assertThat(
            run(
                    "cat",
                    table,
                    "--format",
                    "csv",
                    "--where",
                    "city LIKE 'Ro%'",
                    "--columns",
                    "city,id")
                .out)
        .isEqualTo("city,id" + System.lineSeparator() + "\"Rome, IT\",2" + System.lineSeparator());
    assertThat(run("cat", table, "--version", "1", "--limit", "2").out)
        .endsWith("(2 rows)" + System.lineSeparator());
    Result explain = run("files", table, "--where", "city = 'Paris'", "--explain");
    assertThat(explain.out)
        .contains(
            "files: 3 in the table, 2 removed by the partition filter, 0 removed by statistics, 1 to read");
    Result history = run("history", table, "--json", "--limit", "2");
    assertThat(history.out.lines().map(l -> (String) ((Map<?, ?>) Json.parse(l)).get("operation")))
        .containsExactly("DELETE", "WRITE");
    Path bad = dir.resolve("bad.csv");
    Files.write(bad, "id,price\n5,1.00\nx,2.00\n".getBytes(StandardCharsets.UTF_8));
    Result badAppend = run("append", table, bad.toString());
    assertThat(badAppend.code).isEqualTo(1);
    assertThat(badAppend.err)
        .isEqualTo(
            "keel append: "
                + bad
                + ":3: cannot read `x` as long for field `id`."
                + System.lineSeparator());
    assertThat(run("checkpoint", table).out).contains("Wrote a checkpoint at version 2.");
  }

  @Test
  void demoRunsFromScratch() {
    Result demo = run("demo", dir.resolve("demo").toString());
    assertThat(demo.err).isEmpty();
    assertThat(demo.code).isZero();
    assertThat(demo.out)
        .contains(
            "Deleted 3 rows at version 3.",
            "Wrote a checkpoint at version 3.",
            "files: 5 in the table, 3 removed by the partition filter, 1 removed by statistics, 1 to read",
            "(6 rows)",
            "(3 rows)");
  }

  private static List<Path> cases() {
    return SharedData.allCases();
  }

  @TestFactory
  Stream<DynamicTest> describeJsonMatchesMetaJson() {
    return cases().stream()
        .filter(c -> Files.exists(c.resolve("expected/meta.json")))
        .map(
            c ->
                DynamicTest.dynamicTest(
                    SharedData.caseName(c),
                    () -> {
                      @SuppressWarnings("unchecked")
                      Map<String, Object> meta =
                          (Map<String, Object>)
                              Json.parse(Files.readString(c.resolve("expected/meta.json")));
                      Result r = run("describe", c.resolve("table").toString(), "--json");
                      boolean keelRefuses =
                          List.of(
                                  "golden/corrupted-last-checkpoint",
                                  "golden/deltalog-commit-info",
                                  "golden/update-deleted-directory",
                                  "kernel-rs/timestamp-partitioned-table")
                              .contains(SharedData.caseName(c));
                      if (!meta.containsKey("version") || keelRefuses) {
                        assertThat(r.code).isEqualTo(1);
                        assertThat(r.err.lines().count()).isEqualTo(1);
                        return;
                      }
                      assertThat(r.err).isEmpty();
                      @SuppressWarnings("unchecked")
                      Map<String, Object> d = (Map<String, Object>) Json.parse(r.out);
                      @SuppressWarnings("unchecked")
                      Map<String, Object> protocol = (Map<String, Object>) meta.get("protocol");
                      assertThat(d.get("version")).isEqualTo(meta.get("version"));
                      assertThat(d.get("minReaderVersion"))
                          .isEqualTo(protocol.get("minReaderVersion"));
                      assertThat(d.get("minWriterVersion"))
                          .isEqualTo(protocol.get("minWriterVersion"));
                      assertThat(d.get("readerFeatures"))
                          .isEqualTo(
                              protocol.get("readerFeatures") == null
                                  ? List.of()
                                  : protocol.get("readerFeatures"));
                      assertThat(d.get("writerFeatures"))
                          .isEqualTo(
                              protocol.get("writerFeatures") == null
                                  ? List.of()
                                  : protocol.get("writerFeatures"));
                      assertThat(d.get("partitionColumns")).isEqualTo(meta.get("partitionColumns"));
                      assertThat(Json.parse((String) d.get("schemaString")))
                          .isEqualTo(Json.parse((String) meta.get("schemaString")));
                      assertThat(d.get("properties")).isEqualTo(meta.get("configuration"));
                      assertThat(d.get("numFiles")).isEqualTo(meta.get("numFiles"));
                      assertThat(d.get("sizeInBytes")).isEqualTo(meta.get("sizeInBytes"));
                    }));
  }

  @TestFactory
  Stream<DynamicTest> catJsonlMatchesRowsJsonl() {
    return cases().stream()
        .filter(c -> Files.exists(c.resolve("expected/rows.jsonl")))
        .map(
            c ->
                DynamicTest.dynamicTest(
                    SharedData.caseName(c),
                    () -> {
                      Result r = run("cat", c.resolve("table").toString(), "--format", "jsonl");
                      assertThat(r.err).isEmpty();
                      List<String> actual = new ArrayList<>(r.out.lines().toList());
                      List<String> expected =
                          new ArrayList<>(
                              Arrays.asList(
                                  Files.readString(c.resolve("expected/rows.jsonl")).split("\n")));
                      expected.removeIf(String::isEmpty);
                      actual.sort(null);
                      expected.sort(null);
                      assertThat(actual).isEqualTo(expected);
                    }));
  }
}
