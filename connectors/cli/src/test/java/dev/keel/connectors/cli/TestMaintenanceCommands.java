package dev.keel.connectors.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.connectors.cli.TestKeelCli.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keel restore, repair, vacuum and cleanup-log end to end. */
class TestMaintenanceCommands {
  @TempDir Path dir;

  private static Result run(String... args) {
    return TestKeelCli.run(args);
  }

  private String tableWithTwoAppends() throws Exception {
    String table = dir.resolve("t").toString();
    assertThat(
            run("create", table, "--schema", "id BIGINT, city STRING", "--partitioned-by", "city")
                .code)
        .isZero();
    for (String row : new String[] {"{\"id\":1,\"city\":\"a\"}", "{\"id\":2,\"city\":\"b\"}"}) {
      Path f = Files.createTempFile(dir, "rows", ".jsonl");
      Files.write(f, (row + "\n").getBytes(StandardCharsets.UTF_8));
      assertThat(run("append", table, f.toString()).code).isZero();
    }
    return table;
  }

  @Test
  void restoreAndRepairCommitAndSayWhat() throws Exception {
    String table = tableWithTwoAppends(); // v0 create, v1 a, v2 b
    Result restore = run("restore", table, "--version", "1");
    assertThat(restore.err).isEmpty();
    assertThat(restore.out)
        .isEqualTo(
            "Restored: 0 file(s) added back, 1 removed, committed as version 3."
                + System.lineSeparator());
    assertThat(run("cat", table, "--format", "jsonl").out.trim())
        .isEqualTo("{\"city\":\"a\",\"id\":1}");
    assertThat(run("restore", table).code).isEqualTo(1);
    Path lost;
    try (Stream<Path> files = Files.list(dir.resolve("t/city=a"))) {
      lost = files.filter(f -> f.toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
    Files.delete(lost);
    for (String[] dryRun : new String[][] {{"repair", table}, {"repair", table, "--dry-run"}}) {
      Result dry = run(dryRun);
      assertThat(dry.out)
          .startsWith("Missing: 1 file (")
          .contains(lost.getFileName().toString())
          .endsWith("Run again with --apply to remove their entries." + System.lineSeparator());
    }
    assertThat(run("history", table).out).contains("RESTORE").doesNotContain("FSCK");
    assertThat(run("repair", table, "--dry-run", "--apply").err)
        .isEqualTo("keel repair: Give --dry-run or --apply, not both." + System.lineSeparator());
    Result repair = run("repair", table, "--apply");
    assertThat(repair.out)
        .startsWith("Removed the entries of 1 file (")
        .contains("committed as version 4:")
        .doesNotContain("--apply");
    assertThat(run("repair", table).out)
        .isEqualTo("Missing: 0 files (0 bytes)." + System.lineSeparator());
  }

  @Test
  void vacuumRefusesAShortRetentionWithoutForceAndCleanupLogRuns() throws Exception {
    String table = tableWithTwoAppends();
    Result refused = run("vacuum", table, "--retain", "0h");
    assertThat(refused.code).isEqualTo(1);
    assertThat(refused.err.lines().count()).isEqualTo(1);
    assertThat(refused.err).startsWith("keel vacuum: Cannot vacuum `");
    Result dry = run("vacuum", table, "--retain", "0h", "--force", "--dry-run");
    assertThat(dry.code).isZero();
    assertThat(dry.out).startsWith("Would delete 0 files (0 bytes).");
    Result badUnit = run("vacuum", table, "--retain", "7w");
    assertThat(badUnit.err)
        .isEqualTo(
            "keel vacuum: --retain must be a number and a unit (s, m, h or d), e.g. 168h, not `7w`."
                + System.lineSeparator());
    Result cleanup = run("cleanup-log", table);
    assertThat(cleanup.code).isZero();
    assertThat(cleanup.out).isEqualTo("Deleted 0 files (0 bytes)." + System.lineSeparator());
  }

  @Test
  void optimizeCompactsAndSaysSo() throws Exception {
    String table = tableWithTwoAppends(); // one file in each of two partitions
    Path f = Files.createTempFile(dir, "rows", ".jsonl");
    Files.write(f, "{\"id\":3,\"city\":\"a\"}\n".getBytes(StandardCharsets.UTF_8));
    assertThat(run("append", table, f.toString()).code).isZero(); // v3: a second file in a
    Result r = run("optimize", table, "--where", "city = 'a'");
    assertThat(r.err).isEmpty();
    assertThat(r.out)
        .matches(
            "Compacted 2 file\\(s\\) \\(\\d+ bytes\\) into 1 in 1 partition\\(s\\), committed as version 4\\.\\R");
    assertThat(run("optimize", table).out)
        .isEqualTo("Nothing to compact." + System.lineSeparator());
    assertThat(run("append", table, f.toString()).code).isZero(); // v5: a second file in a again
    assertThat(run("optimize", table, "--min-size", "1").out)
        .as("no file is below one byte")
        .isEqualTo("Nothing to compact." + System.lineSeparator());
    assertThat(run("optimize", table, "--min-size", "1KiB", "--target-size", "1").err)
        .isEqualTo(
            "keel optimize: minFileSize (1024 bytes) must not exceed the target file size (1"
                + " bytes): files between the two would be compacted into bins that cannot hold"
                + " two of them"
                + System.lineSeparator());
    Result bad = run("optimize", table, "--target-size", "big");
    assertThat(bad.code).isEqualTo(1);
    assertThat(bad.err)
        .isEqualTo(
            "keel optimize: --target-size must be a positive number of bytes, KiB, MiB or GiB, e.g."
                + " 128MiB, not `big`."
                + System.lineSeparator());
  }
}
