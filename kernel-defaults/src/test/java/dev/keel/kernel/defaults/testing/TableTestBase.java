package dev.keel.kernel.defaults.testing;

import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.testing.LeakCheckingEngine;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture of the write tests: a fresh temporary directory, a default engine wrapped in a {@link
 * LeakCheckingEngine}, and the path of a table in it. After each test the test fails if the kernel
 * or the test left an evaluator, a file iterator or a stream open, or (when the default engine is
 * closed) Arrow memory.
 */
public abstract class TableTestBase {
  @TempDir protected Path dir;
  protected LeakCheckingEngine engine;
  protected DefaultEngine defaultEngine;
  protected String table;

  @BeforeEach
  protected void openEngine() {
    defaultEngine = DefaultEngine.create();
    engine = new LeakCheckingEngine(defaultEngine);
    table = dir.resolve("t").toString();
  }

  @AfterEach
  protected void closeEngine() {
    try {
      engine.assertAllClosed();
    } finally {
      defaultEngine.close();
    }
  }
}
