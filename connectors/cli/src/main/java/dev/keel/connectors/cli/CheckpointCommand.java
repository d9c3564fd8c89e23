package dev.keel.connectors.cli;

import dev.keel.kernel.Table;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import picocli.CommandLine.Command;

@Command(name = "checkpoint", description = "Write a checkpoint of the latest version.")
final class CheckpointCommand extends TableCommand {
  @Override
  Integer run(DefaultEngine engine) {
    Table t = Table.forPath(engine, tablePath());
    long version = t.getLatestSnapshot(engine).getVersion();
    t.checkpoint(engine, version);
    out().println("Wrote a checkpoint at version " + version + ".");
    return 0;
  }
}
