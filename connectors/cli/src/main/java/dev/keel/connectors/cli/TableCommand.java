package dev.keel.connectors.cli;

import dev.keel.kernel.Snapshot;
import dev.keel.kernel.Table;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import java.io.PrintWriter;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** What every table command shares: the table argument, an engine, and snapshot selection. */
abstract class TableCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "TABLE",
      description = "The table: a directory holding _delta_log, or a URI.")
  String table;

  @Mixin CommonOptions common = new CommonOptions();

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  String tablePath() {
    return table.contains(":") ? table : Paths.get(table).toAbsolutePath().normalize().toString();
  }

  static Snapshot snapshot(DefaultEngine engine, Table t, Long version, String timestamp) {
    if (version != null && timestamp != null) {
      throw new UsageError("Give --version or --timestamp, not both.");
    }
    if (version != null) {
      return t.getSnapshotAsOfVersion(engine, version);
    }
    if (timestamp != null) {
      return t.getSnapshotAsOfTimestamp(engine, parseTimestamp(timestamp));
    }
    return t.getLatestSnapshot(engine);
  }

  static long parseTimestamp(String text) {
    String s = text.trim().replace(' ', 'T');
    try {
      if (s.endsWith("Z") || s.matches(".*[+-]\\d\\d:\\d\\d$")) {
        return OffsetDateTime.parse(s).toInstant().toEpochMilli();
      }
      LocalDateTime t =
          s.length() == 10 ? LocalDate.parse(s).atStartOfDay() : LocalDateTime.parse(s);
      return t.toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (RuntimeException e) {
      throw new UsageError(
          "Invalid --timestamp '"
              + text
              + "': use an ISO time such as 2024-01-02T03:04:05Z "
              + "or '2024-01-02 03:04:05' (UTC).");
    }
  }

  static String instant(long millis) {
    return Instant.ofEpochMilli(millis).toString();
  }

  @Override
  public final Integer call() throws Exception {
    try (DefaultEngine engine = engine()) {
      return run(engine);
    }
  }

  /**
   * @return the engine the command runs with; the caller closes it
   */
  DefaultEngine engine() {
    return DefaultEngine.create();
  }

  abstract Integer run(DefaultEngine engine) throws Exception;
}
