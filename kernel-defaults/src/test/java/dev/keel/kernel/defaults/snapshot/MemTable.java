package dev.keel.kernel.defaults.snapshot;

import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.testing.InMemoryFileSystemClient;
import dev.keel.kernel.testing.LogBuilder;

/**
 * A hand-built Delta log in an in-memory file system, read through the default engine (its
 * checkpoints are real Parquet files): {@link LogBuilder} with a {@link DefaultEngine}.
 */
final class MemTable {
  static final String ROOT = LogBuilder.ROOT;
  static final String LOG = ROOT + "/_delta_log";
  static final String SCHEMA = LogBuilder.SCHEMA;
  static final String PROTOCOL = LogBuilder.PROTOCOL;
  static final String METADATA = LogBuilder.METADATA;

  final InMemoryFileSystemClient fs = new InMemoryFileSystemClient();
  final DefaultEngine engine = DefaultEngine.builder().fileSystemClient(fs).build();
  private final LogBuilder log = new LogBuilder(engine, fs, ROOT);

  static String version(long v) {
    return LogBuilder.version(v);
  }

  static String add(String path, long size) {
    return LogBuilder.add(path, size);
  }

  static String addWithDv(String path, long size, String dv) {
    return LogBuilder.addWithDv(path, size, dv);
  }

  static String remove(String path) {
    return LogBuilder.remove(path);
  }

  static String removeWithDv(String path, String dv) {
    return LogBuilder.removeWithDv(path, dv);
  }

  MemTable commit(long v, String... actions) {
    log.commit(v, actions);
    return this;
  }

  MemTable parquet(String path, String... actions) {
    log.parquet(path, actions);
    return this;
  }

  MemTable checkpoint(long v, String... actions) {
    log.checkpoint(v, actions);
    return this;
  }

  MemTable checkpointPart(long v, int part, int parts, String... actions) {
    log.checkpointPart(v, part, parts, actions);
    return this;
  }

  MemTable lastCheckpoint(String json) {
    log.lastCheckpoint(json);
    return this;
  }

  void close() {
    engine.close();
  }
}
