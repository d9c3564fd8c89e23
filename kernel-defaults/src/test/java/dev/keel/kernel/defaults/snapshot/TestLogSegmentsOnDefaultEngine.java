package dev.keel.kernel.defaults.snapshot;

import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.internal.log.TestLogSegmentLoader;
import dev.keel.kernel.testing.InMemoryFileSystemClient;
import dev.keel.kernel.testing.LogBuilder;
import org.junit.jupiter.api.AfterEach;

/**
 * The kernel's log segment cases on the default engine: its JSON reader, real Parquet checkpoints
 * and its background reads, over an in-memory file system.
 */
class TestLogSegmentsOnDefaultEngine extends TestLogSegmentLoader {
  private DefaultEngine engine;

  @Override
  protected LogBuilder newLog() {
    InMemoryFileSystemClient fs = new InMemoryFileSystemClient();
    engine = DefaultEngine.builder().fileSystemClient(fs).build();
    return new LogBuilder(engine, fs, LogBuilder.ROOT);
  }

  @AfterEach
  void close() {
    engine.close();
  }
}
