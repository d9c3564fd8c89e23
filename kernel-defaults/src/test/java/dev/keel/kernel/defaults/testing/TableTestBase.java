package dev.keel.kernel.defaults.testing;

import dev.keel.kernel.defaults.engine.DefaultEngine;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture of the write tests: a fresh temporary directory, a default engine (closed after
 * each test, which fails the test if it leaked Arrow memory) and the path of a table in it.
 */
public abstract class TableTestBase {
  @TempDir
  protected Path dir;
  protected DefaultEngine engine;
  protected String table;

  @BeforeEach
  protected void openEngine() {
    engine = DefaultEngine.create();
    table = dir.resolve("t").toString();
  }

  @AfterEach
  protected void closeEngine() {
    engine.close();
  }
}
