package dev.keel.kernel.internal.archfixture;

import dev.keel.kernel.Snapshot;
import dev.keel.kernel.Table;
import dev.keel.kernel.engine.Engine;

/**
 * Breaks a rule on purpose, for {@code TestArchitecture}: internal code loading through {@code
 * Table}.
 */
public final class CallsTheFrontDoor {
  private CallsTheFrontDoor() {}

  public static Snapshot load(Engine engine, String path) {
    return Table.forPath(engine, path).getLatestSnapshot(engine);
  }
}
