package dev.keel.kernel.internal.log;

import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.internal.Errors;
import dev.keel.kernel.internal.util.Json;
import dev.keel.kernel.utils.CloseableIterator;
import dev.keel.kernel.utils.FileStatus;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Finds the log segment of a snapshot: lists {@code _delta_log} (from the checkpoint that {@code
 * _last_checkpoint} names, once the listing confirms that checkpoint is complete; from the start
 * otherwise), picks the newest complete checkpoint at or before the wanted version, and checks that
 * the commits after it are contiguous.
 */
public final class LogSegmentLoader {
  private LogSegmentLoader() {}

  /** What {@code _last_checkpoint} claims; only a hint. */
  public static Optional<Long> readLastCheckpointVersion(Engine engine, String logDir) {
    String path = logDir + "/" + FileNames.LAST_CHECKPOINT;
    try (InputStream in = engine.getFileSystemClient().open(path)) {
      Object parsed = Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      if (parsed instanceof Map && ((Map<?, ?>) parsed).get("version") instanceof Long) {
        return Optional.of((Long) ((Map<?, ?>) parsed).get("version"));
      }
      return Optional.empty();
    } catch (FileNotFoundException | NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // corrupted or unreadable: fall back to listing
    }
  }

  /**
   * @param targetVersion the wanted version, or empty for the latest
   */
  public static LogSegment load(Engine engine, String tablePath, Optional<Long> targetVersion) {
    String logDir = FileNames.logDir(tablePath);
    Optional<Long> hint = readLastCheckpointVersion(engine, logDir);
    if (hint.isPresent()
        && hint.get() >= 0
        && (targetVersion.isEmpty() || hint.get() <= targetVersion.get())) {
      List<FileStatus> fromHint = list(engine, tablePath, logDir, hint.get());
      Optional<LogSegment> segment =
          build(tablePath, logDir, fromHint, targetVersion, hint.get(), true);
      if (segment.isPresent()) {
        return segment.get();
      }
      // _last_checkpoint names a checkpoint that is missing or incomplete: list everything.
    }
    List<FileStatus> all = list(engine, tablePath, logDir, 0);
    return build(tablePath, logDir, all, targetVersion, 0, false).orElseThrow();
  }

  /** A segment extended past an older one, with the commit files that are new since. */
  public static final class Extension {
    public final LogSegment segment;

    /**
     * The commit files after the older segment's version, ascending (also those a newer checkpoint
     * covers).
     */
    public final List<FileStatus> newCommits;

    Extension(LogSegment segment, List<FileStatus> newCommits) {
      this.segment = segment;
      this.newCommits = List.copyOf(newCommits);
    }
  }

  /**
   * The latest segment of the table, found by listing only what is newer than {@code older}: the
   * older segment's files stand in for the rest of the listing. A checkpoint newer than the older
   * segment is used when complete.
   *
   * @return empty when nothing was committed after {@code older}
   */
  public static Optional<Extension> extend(Engine engine, LogSegment older) {
    List<FileStatus> newer = list(engine, older.tablePath, older.logDir, older.version + 1);
    List<FileStatus> newCommits = new ArrayList<>();
    for (FileStatus f : newer) {
      FileNames.Parsed p = FileNames.parse(f.getName());
      if (p.kind == FileNames.Kind.DELTA && p.version > older.version) {
        newCommits.add(f);
      }
    }
    if (newCommits.isEmpty()) {
      return Optional.empty();
    }
    newCommits.sort(
        (a, b) ->
            Long.compare(
                FileNames.parse(a.getName()).version, FileNames.parse(b.getName()).version));
    if (FileNames.parse(newCommits.get(0).getName()).version != older.version + 1) {
      // the commit right after the older version is gone (log cleanup): list everything
      return Optional.of(
          new Extension(load(engine, older.tablePath, Optional.empty()), newCommits));
    }
    List<FileStatus> listing = new ArrayList<>(older.checkpoint);
    listing.addAll(older.deltas);
    listing.addAll(older.compactions);
    listing.addAll(newer);
    return Optional.of(
        new Extension(
            build(older.tablePath, older.logDir, listing, Optional.empty(), 0, false).orElseThrow(),
            newCommits));
  }

  /** Every commit file of the table, by version, from a full listing of the log. */
  public static TreeMap<Long, FileStatus> listDeltas(Engine engine, String tablePath) {
    TreeMap<Long, FileStatus> out = new TreeMap<>();
    for (FileStatus f : list(engine, tablePath, FileNames.logDir(tablePath), 0)) {
      FileNames.Parsed p = FileNames.parse(f.getName());
      if (p.kind == FileNames.Kind.DELTA) {
        out.put(p.version, f);
      }
    }
    return out;
  }

  private static List<FileStatus> list(
      Engine engine, String tablePath, String logDir, long fromVersion) {
    List<FileStatus> out = new ArrayList<>();
    try (CloseableIterator<FileStatus> it =
        engine.getFileSystemClient().listFrom(FileNames.listingPrefix(logDir, fromVersion))) {
      it.forEachRemaining(out::add);
    } catch (FileNotFoundException | NoSuchFileException e) {
      throw Errors.tableNotFound(tablePath, "there is no _delta_log directory");
    } catch (IOException e) {
      throw Errors.engineFailure("list", logDir, e);
    }
    return out;
  }

  /**
   * @param fromHint whether the listing started at a {@code _last_checkpoint} hint; then an absent
   *     complete checkpoint at or after the hint returns empty (so the caller lists everything)
   */
  private static Optional<LogSegment> build(
      String tablePath,
      String logDir,
      List<FileStatus> listing,
      Optional<Long> target,
      long listedFrom,
      boolean fromHint) {
    long limit = target.orElse(Long.MAX_VALUE);
    TreeMap<Long, FileStatus> deltas = new TreeMap<>();
    Map<Long, FileStatus> checksums = new HashMap<>();
    TreeMap<Long, List<FileStatus>> completeCheckpoints = new TreeMap<>();
    Map<Long, Map<Integer, Map<Integer, FileStatus>>> multipart = new HashMap<>();
    List<FileStatus> compactions = new ArrayList<>();
    for (FileStatus f : listing) {
      FileNames.Parsed p = FileNames.parse(f.getName());
      switch (p.kind) {
        case DELTA:
          deltas.put(p.version, f);
          break;
        case CHECKSUM:
          checksums.put(p.version, f);
          break;
        case CLASSIC_CHECKPOINT:
          if (p.version <= limit) {
            // prefer a V2 or classic single file over multi-part; keep the first found
            completeCheckpoints.putIfAbsent(p.version, List.of(f));
          }
          break;
        case V2_CHECKPOINT:
          if (p.version <= limit) {
            completeCheckpoints.put(
                p.version, List.of(f)); // a V2 checkpoint wins over a classic one
          }
          break;
        case MULTIPART_CHECKPOINT:
          if (p.version <= limit) {
            multipart
                .computeIfAbsent(p.version, v -> new HashMap<>())
                .computeIfAbsent(p.numParts, n -> new TreeMap<>())
                .put(p.part, f);
          }
          break;
        case COMPACTION:
          compactions.add(f);
          break;
        default:
          break;
      }
    }
    for (Map.Entry<Long, Map<Integer, Map<Integer, FileStatus>>> e : multipart.entrySet()) {
      for (Map.Entry<Integer, Map<Integer, FileStatus>> parts : e.getValue().entrySet()) {
        if (parts.getValue().size() == parts.getKey()
            && !completeCheckpoints.containsKey(e.getKey())) {
          completeCheckpoints.put(e.getKey(), new ArrayList<>(parts.getValue().values()));
        }
      }
    }
    Map.Entry<Long, List<FileStatus>> checkpoint = completeCheckpoints.floorEntry(limit);
    if (fromHint && checkpoint == null) {
      return Optional.empty();
    }
    long cpVersion = checkpoint == null ? -1 : checkpoint.getKey();
    if (deltas.isEmpty() && checkpoint == null) {
      if (listedFrom > 0) {
        return Optional.empty();
      }
      throw Errors.tableNotFound(
          tablePath, "the _delta_log directory has no commit or checkpoint file");
    }
    long latest = Math.max(cpVersion, deltas.isEmpty() ? -1 : deltas.lastKey());
    if (target.isPresent() && target.get() > latest) {
      throw Errors.versionAfterLatest(
          tablePath, target.get(), earliestLoadable(deltas, completeCheckpoints), latest);
    }
    long version = target.orElse(latest);
    if (checkpoint != null
        && version == cpVersion
        && latest == cpVersion
        && !deltas.containsKey(cpVersion)) {
      throw Errors.checkpointWithoutItsCommit(tablePath, cpVersion);
    }
    List<FileStatus> segmentDeltas =
        new ArrayList<>(deltas.subMap(cpVersion, false, version, true).values());
    long expected = cpVersion + 1;
    if (checkpoint == null && target.isPresent() && !deltas.isEmpty() && deltas.firstKey() > 0) {
      throw Errors.versionBeforeEarliest(
          tablePath, target.get(), earliestLoadable(deltas, completeCheckpoints), latest);
    }
    List<Long> missing = new ArrayList<>();
    for (FileStatus d : segmentDeltas) {
      long v = FileNames.parse(d.getName()).version;
      for (long m = expected; m < v && missing.size() < 10; m++) {
        missing.add(m);
      }
      expected = v + 1;
    }
    for (long m = expected; m <= version && missing.size() < 10; m++) {
      missing.add(m);
    }
    if (!missing.isEmpty()) {
      throw Errors.nonContiguousLog(tablePath, cpVersion, missing);
    }
    List<FileStatus> usableCompactions = new ArrayList<>();
    long nextFree = cpVersion + 1;
    // By start version, the widest range first, then greedily the ones that do not overlap.
    compactions.sort(
        (a, b) -> {
          FileNames.Parsed pa = FileNames.parse(a.getName());
          FileNames.Parsed pb = FileNames.parse(b.getName());
          return pa.startVersion != pb.startVersion
              ? Long.compare(pa.startVersion, pb.startVersion)
              : Long.compare(pb.version, pa.version);
        });
    for (FileStatus c : compactions) {
      FileNames.Parsed p = FileNames.parse(c.getName());
      if (p.startVersion >= nextFree && p.version <= version && p.startVersion <= p.version) {
        usableCompactions.add(c);
        nextFree = p.version + 1;
      }
    }
    return Optional.of(
        new LogSegment(
            tablePath,
            logDir,
            version,
            cpVersion,
            checkpoint == null ? List.of() : checkpoint.getValue(),
            segmentDeltas,
            usableCompactions,
            Optional.ofNullable(checksums.get(version))));
  }

  private static long earliestLoadable(
      TreeMap<Long, FileStatus> deltas, TreeMap<Long, List<FileStatus>> checkpoints) {
    long earliest = checkpoints.isEmpty() ? Long.MAX_VALUE : checkpoints.firstKey();
    if (!deltas.isEmpty() && deltas.firstKey() == 0) {
      earliest = 0;
    }
    return earliest == Long.MAX_VALUE ? (deltas.isEmpty() ? 0 : deltas.firstKey()) : earliest;
  }
}
