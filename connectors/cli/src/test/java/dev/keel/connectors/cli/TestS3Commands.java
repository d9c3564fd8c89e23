package dev.keel.connectors.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.connectors.cli.TestKeelCli.Result;
import dev.keel.connectors.s3.testing.S3ProxyServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keel commands on an s3:// table, against a real S3 API server; the endpoint comes from the
 * {@code keel.s3.endpoint} system property, as a user would pass it to the launcher.
 */
class TestS3Commands {
  @TempDir static Path work;
  private static S3ProxyServer server;

  @BeforeAll
  static void start() {
    server = S3ProxyServer.start(work.resolve("server"));
    server.createBucket("cli");
    System.setProperty("keel.s3.endpoint", server.endpoint());
  }

  @AfterAll
  static void stop() {
    System.clearProperty("keel.s3.endpoint");
    if (server != null) {
      server.close();
    }
  }

  private static Result ok(String... args) {
    Result r = TestKeelCli.run(args);
    assertThat(r.err).as(String.join(" ", args)).isEmpty();
    assertThat(r.code).isZero();
    return r;
  }

  @Test
  void everyCommandWorksOnAnS3Url() throws Exception {
    String table = "s3://cli/events";
    assertThat(
            ok("create", table, "--schema", "id BIGINT, city STRING", "--partitioned-by", "city")
                .out)
        .isEqualTo("Created s3://cli/events at version 0." + System.lineSeparator());
    Path rows = work.resolve("rows.jsonl");
    Files.writeString(
        rows,
        "{\"id\":1,\"city\":\"Oslo\"}\n{\"id\":2,\"city\":\"Lima\"}\n{\"id\":3,\"city\":\"Oslo\"}\n",
        StandardCharsets.UTF_8);
    ok("append", table, rows.toString());
    ok("delete", table, "--where", "id = 2");
    ok("checkpoint", table);
    assertThat(ok("cat", table, "--format", "jsonl").out.lines().sorted().toList())
        .containsExactly("{\"city\":\"Oslo\",\"id\":1}", "{\"city\":\"Oslo\",\"id\":3}");
    assertThat(ok("cat", table, "--format", "jsonl", "--version", "1").out.lines().count())
        .isEqualTo(3);
    assertThat(ok("describe", table).out)
        .contains("Table:             s3://cli/events")
        .contains("Version:           2 (");
    assertThat(ok("history", table).out).contains("DELETE").contains("WRITE");
    Result missing = TestKeelCli.run("describe", "s3://cli/nothing");
    assertThat(missing.code).isEqualTo(1);
    assertThat(missing.err).startsWith("keel describe: ").contains("s3://cli/nothing");
  }
}
