package dev.keel.kernel.internal.txn;

import dev.keel.kernel.MaintenanceProgress;
import dev.keel.kernel.MaintenanceResult;
import dev.keel.kernel.Operation;
import dev.keel.kernel.ScanFile;
import dev.keel.kernel.TableProperties;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.data.Row;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.exceptions.KernelException;
import dev.keel.kernel.internal.Errors;
import dev.keel.kernel.internal.deletionvectors.DeletionVectors;
import dev.keel.kernel.internal.log.FileNames;
import dev.keel.kernel.internal.replay.Tombstones;
import dev.keel.kernel.internal.scan.DataFilePaths;
import dev.keel.kernel.internal.scan.ScanFileCodec;
import dev.keel.kernel.internal.snapshot.SnapshotImpl;
import dev.keel.kernel.internal.snapshot.SnapshotLoader;
import dev.keel.kernel.internal.util.Json;
import dev.keel.kernel.utils.CloseableIterator;
import dev.keel.kernel.utils.FileStatus;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Table maintenance that needs no data rewritten: restore (one commit re-adding and removing
 * files), repair (one commit removing entries whose files are gone), vacuum (deleting files no
 * version within the retention needs) and log cleanup (deleting log files a later checkpoint
 * covers, older than the log retention). Optimize, which rewrites data, is {@link Optimize}.
 */
public final class TableMaintenance {
  private TableMaintenance() {}

  static final String ENGINE_INFO = "keel-maintenance";

  /** The live files of a snapshot by key (path and deletion vector), detached. */
  private static Map<String, Row> liveFiles(Engine engine, SnapshotImpl snapshot) {
    Map<String, Row> out = new LinkedHashMap<>();
    try (CloseableIterator<FilteredColumnarBatch> files = snapshot.getFiles(engine)) {
      while (files.hasNext()) {
        try (FilteredColumnarBatch b = files.next();
            CloseableIterator<Row> rows = b.getRows()) {
          while (rows.hasNext()) {
            Row r = ScanFileCodec.detach(rows.next());
            out.put(key(snapshot.getTablePath(), r), r);
          }
        }
      }
    }
    return out;
  }

  private static String key(String tablePath, Row file) {
    String dv =
        file.isNullAt(ScanFile.DELETION_VECTOR)
            ? ""
            : Json.toJson(
                ScanFileCodec.toMap(
                    file.getStruct(ScanFile.DELETION_VECTOR), ScanFile.DELETION_VECTOR_SCHEMA));
    return DataFilePaths.absolute(tablePath, ScanFile.getPath(file)) + "\u0000" + dv;
  }

  private static boolean exists(Engine engine, String path) {
    try {
      engine.getFileSystemClient().getFileStatus(path);
      return true;
    } catch (FileNotFoundException | NoSuchFileException e) {
      return false;
    } catch (IOException e) {
      throw Errors.engineFailure("read the status of", path, e);
    }
  }

  /** See {@code Table.restore}. */
  public static MaintenanceResult restore(Engine engine, String tablePath, long version) {
    SnapshotImpl latest = SnapshotLoader.latest(engine, tablePath);
    if (version == latest.getVersion()) {
      return new MaintenanceResultImpl("RESTORE", Optional.empty(), List.of(), 0, 0, 0, false);
    }
    if (version > latest.getVersion()) {
      throw Errors.versionAfterLatest(tablePath, version, 0, latest.getVersion());
    }
    SnapshotImpl target = SnapshotLoader.atVersion(engine, latest, version);
    Map<String, Row> now = liveFiles(engine, latest);
    Map<String, Row> then = liveFiles(engine, target);
    List<Row> toAdd = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, Row> e : then.entrySet()) {
      if (!now.containsKey(e.getKey())) {
        toAdd.add(e.getValue());
        String path = DataFilePaths.absolute(tablePath, ScanFile.getPath(e.getValue()));
        if (!exists(engine, path)) {
          missing.add(path);
        }
      }
    }
    if (!missing.isEmpty()) {
      throw new KernelException(
          "Cannot restore `"
              + tablePath
              + "` to version "
              + version
              + ": "
              + missing.size()
              + " data file(s) of that version no longer exist (vacuumed?), e.g. `"
              + missing.get(0)
              + "`. Restore a later version.");
    }
    TransactionImpl t =
        (TransactionImpl)
            new TransactionBuilderImpl(tablePath, ENGINE_INFO, Operation.RESTORE).build(engine);
    List<String> paths = new ArrayList<>();
    long bytes = 0;
    long removed = 0;
    for (Map.Entry<String, Row> e : now.entrySet()) {
      if (!then.containsKey(e.getKey())) {
        t.remove(e.getValue());
        paths.add(DataFilePaths.absolute(tablePath, ScanFile.getPath(e.getValue())));
        bytes += ScanFile.getSize(e.getValue());
        removed++;
      }
    }
    for (Row r : toAdd) {
      Map<String, Object> add = ScanFileCodec.toMap(r, ScanFile.SCHEMA);
      add.put("dataChange", true);
      t.addAction(add);
      paths.add(DataFilePaths.absolute(tablePath, ScanFile.getPath(r)));
      bytes += ScanFile.getSize(r);
    }
    long committed = t.commit(engine).getVersion();
    return new MaintenanceResultImpl(
        "RESTORE", Optional.of(committed), paths, toAdd.size(), removed, bytes, false);
  }

  /** See {@code Table.repair}. */
  public static MaintenanceResult repair(
      Engine engine, String tablePath, boolean dryRun, MaintenanceProgress progress) {
    SnapshotImpl latest = SnapshotLoader.latest(engine, tablePath);
    List<Row> gone = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    long bytes = 0;
    java.util.Collection<Row> live = liveFiles(engine, latest).values();
    long checked = 0;
    progress.update("check", 0, live.size());
    for (Row r : live) {
      String path = DataFilePaths.absolute(tablePath, ScanFile.getPath(r));
      if (!exists(engine, path)) {
        gone.add(r);
        paths.add(path);
        bytes += ScanFile.getSize(r);
      }
      progress.update("check", ++checked, live.size());
    }
    if (dryRun || gone.isEmpty()) {
      return new MaintenanceResultImpl(
          "FSCK", Optional.empty(), paths, 0, gone.size(), bytes, dryRun);
    }
    TransactionImpl t =
        (TransactionImpl)
            new TransactionBuilderImpl(tablePath, ENGINE_INFO, Operation.FSCK).build(engine);
    gone.forEach(t::remove);
    long committed = t.commit(engine).getVersion();
    return new MaintenanceResultImpl(
        "FSCK", Optional.of(committed), paths, 0, gone.size(), bytes, false);
  }

  /** See {@code Table.vacuum}. */
  @SuppressWarnings("unchecked")
  public static MaintenanceResult vacuum(
      Engine engine,
      String tablePath,
      Optional<Duration> retention,
      boolean dryRun,
      boolean force,
      MaintenanceProgress progress) {
    // only a writer that understands every writer feature may delete files (PROTOCOL.md,
    // "Vacuum Protocol Check"): the same check a write makes
    new TransactionBuilderImpl(tablePath, ENGINE_INFO, Operation.MANUAL_UPDATE).build(engine);
    SnapshotImpl latest = SnapshotLoader.latest(engine, tablePath);
    long tableRetention =
        TableProperties.of(latest.getProperties()).getDeletedFileRetentionMillis();
    long retain = retention.map(Duration::toMillis).orElse(tableRetention);
    if (retain < 0) {
      throw new IllegalArgumentException("retention must not be negative: " + retention.get());
    }
    if (retain < tableRetention && !force) {
      throw new KernelException(
          "Cannot vacuum `"
              + tablePath
              + "` keeping removed files for "
              + Duration.ofMillis(retain)
              + ": the table keeps them for "
              + Duration.ofMillis(tableRetention)
              + " (delta.deletedFileRetentionDuration), and readers of older versions or writers"
              + " still committing may need them. Force it if no one does.");
    }
    long cutoff = System.currentTimeMillis() - retain;
    Set<String> needed = new HashSet<>();
    for (Row r : liveFiles(engine, latest).values()) {
      needed.add(DataFilePaths.absolute(tablePath, ScanFile.getPath(r)));
      if (!r.isNullAt(ScanFile.DELETION_VECTOR)) {
        Row dv = r.getStruct(ScanFile.DELETION_VECTOR);
        if (!"i".equals(dv.getString(0))) {
          needed.add(DeletionVectors.filePath(tablePath, dv.getString(0), dv.getString(1)));
        }
      }
    }
    try (CloseableIterator<String> tombstones =
        Tombstones.live(engine, latest.getLogSegment(), cutoff)) {
      while (tombstones.hasNext()) {
        Map<String, Object> remove =
            (Map<String, Object>)
                ((Map<String, Object>) Json.parse(tombstones.next())).get("remove");
        needed.add(DataFilePaths.absolute(tablePath, (String) remove.get("path")));
        if (remove.get("deletionVector") instanceof Map) {
          Map<String, Object> dv = (Map<String, Object>) remove.get("deletionVector");
          if (!"i".equals(dv.get("storageType"))) {
            needed.add(
                DeletionVectors.filePath(
                    tablePath, (String) dv.get("storageType"), (String) dv.get("pathOrInlineDv")));
          }
        }
      }
    }
    List<String> paths = new ArrayList<>();
    long bytes = 0;
    String root = tablePath + "/";
    try (CloseableIterator<FileStatus> all =
        engine.getFileSystemClient().listRecursively(tablePath)) {
      while (all.hasNext()) {
        FileStatus f = all.next();
        String relative =
            f.getPath().startsWith(root) ? f.getPath().substring(root.length()) : f.getPath();
        if (hidden(relative) || needed.contains(f.getPath()) || f.getModificationTime() >= cutoff) {
          continue;
        }
        paths.add(f.getPath());
        bytes += f.getSize();
      }
    } catch (IOException e) {
      throw Errors.engineFailure("list", tablePath, e);
    }
    if (!dryRun) {
      progress.update("delete", 0, paths.size());
      long deleted = 0;
      for (String p : paths) {
        try {
          engine.getFileSystemClient().delete(p);
        } catch (IOException e) {
          throw Errors.engineFailure("delete", p, e);
        }
        progress.update("delete", ++deleted, paths.size());
      }
    }
    return new MaintenanceResultImpl(
        "VACUUM", Optional.empty(), paths, 0, paths.size(), bytes, dryRun);
  }

  /**
   * Files vacuum never touches: the log, and files or directories whose name starts with {@code _}
   * or {@code .}, except change data ({@code _change_data}); partition directories ({@code
   * name=value}) are searched.
   */
  private static boolean hidden(String relative) {
    if (relative.startsWith(FileNames.LOG_DIR + "/")) {
      return true;
    }
    for (String part : relative.split("/")) {
      if ((part.startsWith("_") && !part.equals("_change_data") && !part.contains("="))
          || part.startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  /** See {@code Table.cleanUpLog}. */
  public static MaintenanceResult cleanUpLog(Engine engine, String tablePath) {
    SnapshotImpl latest = SnapshotLoader.latest(engine, tablePath);
    long cutoff =
        System.currentTimeMillis()
            - TableProperties.of(latest.getProperties()).getLogRetentionMillis();
    String logDir = FileNames.logDir(tablePath);
    List<FileStatus> files = new ArrayList<>();
    try (CloseableIterator<FileStatus> it =
        engine.getFileSystemClient().listFrom(FileNames.listingPrefix(logDir, 0))) {
      it.forEachRemaining(files::add);
    } catch (IOException e) {
      throw Errors.engineFailure("list", logDir, e);
    }
    // the first version within the retention: it, and every later one, must stay loadable
    long firstKept = latest.getVersion();
    for (FileStatus f : files) {
      FileNames.Parsed p = FileNames.parse(f.getName());
      if (p.kind == FileNames.Kind.DELTA && f.getModificationTime() >= cutoff) {
        firstKept = Math.min(firstKept, p.version);
      }
    }
    // the newest checkpoint at or before it: the log before that checkpoint is not needed
    long keepFrom = -1;
    Map<Long, Integer> checkpointParts = new HashMap<>();
    for (FileStatus f : files) {
      FileNames.Parsed p = FileNames.parse(f.getName());
      boolean checkpoint =
          p.kind == FileNames.Kind.CLASSIC_CHECKPOINT
              || p.kind == FileNames.Kind.MULTIPART_CHECKPOINT
              || p.kind == FileNames.Kind.V2_CHECKPOINT;
      if (checkpoint && p.version <= firstKept) {
        int parts = checkpointParts.merge(p.version, 1, Integer::sum);
        if (p.kind != FileNames.Kind.MULTIPART_CHECKPOINT || parts == p.numParts) {
          keepFrom = Math.max(keepFrom, p.version);
        }
      }
    }
    long expiredSinceCheckpoint = 0;
    for (FileStatus f : files) {
      FileNames.Parsed p = FileNames.parse(f.getName());
      if (p.kind == FileNames.Kind.DELTA
          && p.version >= Math.max(keepFrom, 0)
          && p.version < firstKept
          && f.getModificationTime() < cutoff) {
        expiredSinceCheckpoint++;
      }
    }
    // expired commits that no checkpoint covers (or as many as a checkpoint interval, which the
    // table's writers did not checkpoint): checkpoint the first kept version, so that they can go
    if (expiredSinceCheckpoint > 0
        && (keepFrom < 0
            || expiredSinceCheckpoint
                >= TableProperties.of(latest.getProperties()).getCheckpointInterval())) {
      CheckpointWriter.write(engine, tablePath, firstKept);
      keepFrom = firstKept;
    }
    List<String> paths = new ArrayList<>();
    long bytes = 0;
    if (keepFrom > 0) {
      for (FileStatus f : files) {
        FileNames.Parsed p = FileNames.parse(f.getName());
        boolean logFile = p.kind != FileNames.Kind.OTHER;
        if (logFile && p.version < keepFrom && f.getModificationTime() < cutoff) {
          paths.add(f.getPath());
          bytes += f.getSize();
        }
      }
      for (String p : paths) {
        try {
          engine.getFileSystemClient().delete(p);
        } catch (IOException e) {
          throw Errors.engineFailure("delete", p, e);
        }
      }
    }
    return new MaintenanceResultImpl(
        "CLEANUP LOG", Optional.empty(), paths, 0, paths.size(), bytes, false);
  }
}
