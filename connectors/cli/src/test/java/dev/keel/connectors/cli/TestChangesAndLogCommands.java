package dev.keel.connectors.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.connectors.cli.TestKeelCli.Result;
import dev.keel.kernel.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code keel changes} against the shared cases' change data answers, {@code keel log}, and unknown
 * commands.
 */
class TestChangesAndLogCommands {
  @TestFactory
  Stream<DynamicTest> changesJsonlMatchesEveryCdfAnswer() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path c : SharedData.allCases()) {
      Path expected = c.resolve("expected");
      if (!Files.isDirectory(expected)) {
        continue;
      }
      try (Stream<Path> files = Files.list(expected)) {
        for (Path f : files.filter(p -> p.getFileName().toString().startsWith("cdf_")).toList()) {
          String[] range =
              f.getFileName().toString().replace("cdf_", "").replace(".jsonl", "").split("_");
          tests.add(
              DynamicTest.dynamicTest(
                  SharedData.caseName(c) + " " + range[0] + ".." + range[1],
                  () -> {
                    Result r =
                        TestKeelCli.run(
                            "changes",
                            c.resolve("table").toString(),
                            "--from",
                            range[0],
                            "--to",
                            range[1],
                            "--format",
                            "jsonl");
                    assertThat(r.err).isEmpty();
                    assertThat(r.code).isZero();
                    // the answers leave _commit_timestamp out (a file time); every line has it here
                    List<String> actual = new ArrayList<>();
                    for (String line : r.out.lines().toList()) {
                      assertThat(line).contains("\"_commit_timestamp\":\"");
                      actual.add(line.replaceFirst(",?\"_commit_timestamp\":\"[^\"]*\"", ""));
                    }
                    List<String> want =
                        new ArrayList<>(
                            Files.readAllLines(f).stream().filter(l -> !l.isEmpty()).toList());
                    actual.sort(null);
                    want.sort(null);
                    assertThat(actual).isEqualTo(want);
                  }));
        }
      }
    }
    assertThat(tests).as("cdf answers in the shared cases").hasSizeGreaterThanOrEqualTo(21);
    return tests.stream();
  }

  @Test
  void changesFiltersOnTheChangeColumnsAndTablesThem() {
    Path c = SharedData.casesDir().resolve("spark/cdf_basic");
    Result r =
        TestKeelCli.run(
            "changes",
            c.resolve("table").toString(),
            "--from",
            "2",
            "--to",
            "4",
            "--where",
            "_change_type = 'delete'",
            "--columns",
            "_change_type,_commit_version");
    assertThat(r.code).isZero();
    assertThat(r.out.lines().toList())
        .last()
        .isEqualTo("(" + (r.out.lines().count() - 3) + " changes)");
    assertThat(r.out.lines().skip(2).limit(r.out.lines().count() - 3))
        .allMatch(l -> l.startsWith("delete"));
  }

  @Test
  void logPrintsEveryActionOfEveryCommitOldestFirst() throws IOException {
    Path c = SharedData.casesDir().resolve("spark/cdf_basic");
    Result r = TestKeelCli.run("log", c.resolve("table").toString(), "--to", "1");
    assertThat(r.code).isZero();
    Map<Long, Integer> actionsPerVersion = new TreeMap<>();
    for (String line : r.out.lines().toList()) {
      long v = Long.parseLong(line.substring("{\"version\":".length(), line.indexOf(',')));
      actionsPerVersion.merge(v, 1, Integer::sum);
    }
    for (long v = 0; v <= 1; v++) {
      long lines =
          Files.readAllLines(c.resolve(String.format("table/_delta_log/%020d.json", v))).stream()
              .filter(l -> !l.isBlank())
              .count();
      assertThat((long) actionsPerVersion.get(v)).as("version " + v).isEqualTo(lines);
    }
  }

  @Test
  void anUnknownCommandExitsTwoNamingIt() {
    Result r = TestKeelCli.run("no-such-command", "--help");
    assertThat(r.code).isEqualTo(2);
    assertThat(r.out).isEmpty();
    assertThat(r.err)
        .isEqualTo(
            "keel: unknown command `no-such-command`. Commands: demo, describe, history, log, files, cat,"
                + " changes, create, append, delete, checkpoint, ingest, share, restore, vacuum, repair,"
                + " cleanup-log,"
                + " optimize."
                + " See keel --help."
                + System.lineSeparator());
  }
}
