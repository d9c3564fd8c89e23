package dev.keel.connectors.flink;

import dev.keel.kernel.defaults.engine.DefaultEngine;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The file system options of Keel's default engine that a source or sink ships to the job manager
 * and task managers, each of which builds its own engine from them.
 */
final class EngineOptions implements Serializable {
  private static final long serialVersionUID = 1L;

  private final LinkedHashMap<String, String> options;

  EngineOptions(Map<String, String> options) {
    this.options = new LinkedHashMap<>(options);
  }

  /** A Keel engine with these options; the caller closes it. */
  DefaultEngine newEngine() {
    DefaultEngine.Builder b = DefaultEngine.builder();
    options.forEach(b::fileSystemOption);
    return b.build();
  }
}
