package dev.keel.connectors.cli;

import dev.keel.kernel.MaintenanceResult;
import dev.keel.kernel.OptimizeBuilder;
import dev.keel.kernel.Table;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The table maintenance commands: restore, vacuum, repair, cleanup-log. */
final class MaintenanceCommands {
  private MaintenanceCommands() {}

  /** Prints what an operation did, or would do, then the paths. */
  private static void print(TableCommand cmd, MaintenanceResult r, String did, String wouldDo) {
    cmd.out()
        .println(
            (r.isDryRun() ? wouldDo : did)
                + " "
                + r.getPaths().size()
                + " file"
                + (r.getPaths().size() == 1 ? "" : "s")
                + " ("
                + r.getBytes()
                + " bytes)"
                + r.getVersion().map(v -> ", committed as version " + v).orElse("")
                + (r.getPaths().isEmpty() ? "." : ":"));
    r.getPaths().forEach(p -> cmd.out().println("  " + p));
  }

  /**
   * @return a duration written as a number and a unit (s, m, h or d), e.g. 168h
   * @throws UsageError naming {@code option} otherwise
   */
  static Duration parseDuration(String option, String text) {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    String usage =
        option + " must be a number and a unit (s, m, h or d), e.g. 168h, not `" + text + "`.";
    if (t.length() < 2) {
      throw new UsageError(usage);
    }
    long n;
    try {
      n = Long.parseLong(t.substring(0, t.length() - 1));
    } catch (NumberFormatException e) {
      throw new UsageError(usage);
    }
    switch (t.charAt(t.length() - 1)) {
      case 's':
        return Duration.ofSeconds(n);
      case 'm':
        return Duration.ofMinutes(n);
      case 'h':
        return Duration.ofHours(n);
      case 'd':
        return Duration.ofDays(n);
      default:
        throw new UsageError(usage);
    }
  }

  @Command(
      name = "restore",
      description = "Restore the table's files to those of an earlier version (one commit).")
  static final class Restore extends TableCommand {
    @Option(names = "--version", paramLabel = "V", description = "The version to restore.")
    Long version;

    @Option(
        names = "--timestamp",
        paramLabel = "T",
        description = "Restore the version current at time T.")
    String timestamp;

    @Override
    Integer run(DefaultEngine engine) {
      if ((version == null) == (timestamp == null)) {
        throw new UsageError("Give --version or --timestamp (one of them).");
      }
      Table t = Table.forPath(engine, tablePath());
      MaintenanceResult r =
          version != null
              ? t.restore(engine, version)
              : t.restoreToTimestamp(engine, parseTimestamp(timestamp));
      if (r.getVersion().isEmpty()) {
        out().println("Nothing to restore: the table is at that version.");
        return 0;
      }
      out()
          .println(
              "Restored: "
                  + r.getFilesAdded()
                  + " file(s) added back, "
                  + r.getFilesRemoved()
                  + " removed, committed as version "
                  + r.getVersion().get()
                  + ".");
      return 0;
    }
  }

  @Command(
      name = "vacuum",
      description =
          "Delete files no version within the retention needs (default: the table's, 7 days).")
  static final class Vacuum extends TableCommand {
    @Option(
        names = "--retain",
        paramLabel = "DURATION",
        description = "Keep removed files this long, e.g. 168h, 7d, 30m.")
    String retain;

    @Option(names = "--dry-run", description = "List what would be deleted; delete nothing.")
    boolean dryRun;

    @Option(names = "--force", description = "Allow a retention shorter than the table's.")
    boolean force;

    @Override
    Integer run(DefaultEngine engine) {
      Optional<Duration> retention = Optional.ofNullable(retain).map(Vacuum::parseDuration);
      MaintenanceResult r;
      try (Progress progress = new Progress(err(), "files")) {
        r = Table.forPath(engine, tablePath()).vacuum(engine, retention, dryRun, force, progress);
      }
      print(this, r, "Deleted", "Would delete");
      return 0;
    }

    static Duration parseDuration(String text) {
      return MaintenanceCommands.parseDuration("--retain", text);
    }
  }

  @Command(
      name = "repair",
      description =
          "List live files that are missing; with --apply, remove their entries (FSCK, one"
              + " commit).")
  static final class Repair extends TableCommand {
    @Option(
        names = "--dry-run",
        description = "List the missing files and commit nothing (the default).")
    boolean dryRun;

    @Option(names = "--apply", description = "Remove the missing files' entries in one commit.")
    boolean apply;

    @Override
    Integer run(DefaultEngine engine) {
      if (dryRun && apply) {
        throw new UsageError("Give --dry-run or --apply, not both.");
      }
      MaintenanceResult r;
      try (Progress progress = new Progress(err(), "files")) {
        r = Table.forPath(engine, tablePath()).repair(engine, !apply, progress);
      }
      print(this, r, "Removed the entries of", "Missing:");
      if (r.isDryRun() && !r.getPaths().isEmpty()) {
        out().println("Run again with --apply to remove their entries.");
      }
      return 0;
    }
  }

  @Command(
      name = "cleanup-log",
      description =
          "Delete log files older than delta.logRetentionDuration that a later checkpoint covers.")
  static final class CleanupLog extends TableCommand {
    @Override
    Integer run(DefaultEngine engine) {
      print(this, Table.forPath(engine, tablePath()).cleanUpLog(engine), "Deleted", "Would delete");
      return 0;
    }
  }

  @Command(
      name = "optimize",
      description =
          "Compact small files into files near a target size (one commit, dataChange false).")
  static final class Optimize extends TableCommand {
    @Option(
        names = "--where",
        paramLabel = "PRED",
        description = "Only partitions matching PRED (partition columns only).")
    String where;

    @Option(
        names = "--zorder-by",
        paramLabel = "c1,c2",
        split = ",",
        description =
            "Also order each partition's rows along a Z-order curve of these data columns.")
    java.util.List<String> zOrderBy;

    @Option(
        names = "--target-size",
        paramLabel = "SIZE",
        description =
            "The size files are packed up to: bytes, or with KiB, MiB or GiB (default: the"
                + " table's delta.targetFileSize, else 128MiB).")
    String targetSize;

    @Option(
        names = "--min-size",
        paramLabel = "SIZE",
        description =
            "Compact only files smaller than SIZE, and files with deletion vectors (default: the"
                + " target size).")
    String minSize;

    @Override
    Integer run(DefaultEngine engine) {
      Table t = Table.forPath(engine, tablePath());
      OptimizeBuilder optimize = t.createOptimizeBuilder();
      if (where != null) {
        optimize =
            optimize.withPartitionFilter(
                PredicateParser.parse(where, t.getLatestSnapshot(engine).getSchema()));
      }
      if (targetSize != null) {
        optimize = optimize.withTargetFileSize(parseSize("--target-size", targetSize));
      }
      if (minSize != null) {
        optimize = optimize.withMinFileSize(parseSize("--min-size", minSize));
      }
      if (zOrderBy != null) {
        optimize = optimize.zOrderBy(zOrderBy);
      }
      MaintenanceResult r;
      try (Progress progress = new Progress(err(), "bytes")) {
        r = optimize.withProgress(progress).execute(engine);
      } catch (IllegalArgumentException e) {
        throw new UsageError(e.getMessage()); // the sizes given do not fit together
      }
      if (r.getVersion().isEmpty()) {
        out().println("Nothing to compact.");
        return 0;
      }
      out()
          .println(
              "Compacted "
                  + r.getFilesRemoved()
                  + " file(s) ("
                  + r.getBytes()
                  + " bytes) into "
                  + r.getFilesAdded()
                  + " in "
                  + r.getPartitionsTouched()
                  + " partition(s), committed as version "
                  + r.getVersion().get()
                  + ".");
      return 0;
    }

    static long parseSize(String option, String text) {
      String t = text.trim();
      long unit = 1;
      for (String[] u :
          new String[][] {{"GiB", "1073741824"}, {"MiB", "1048576"}, {"KiB", "1024"}}) {
        if (t.endsWith(u[0])) {
          unit = Long.parseLong(u[1]);
          t = t.substring(0, t.length() - u[0].length()).trim();
          break;
        }
      }
      try {
        long n = Long.parseLong(t) * unit;
        if (n < 1) {
          throw new NumberFormatException();
        }
        return n;
      } catch (NumberFormatException e) {
        throw new UsageError(
            option
                + " must be a positive number of bytes, KiB, MiB or GiB, e.g. 128MiB, not `"
                + text
                + "`.");
      }
    }
  }
}
