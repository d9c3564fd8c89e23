package dev.keel.connectors.cli;

import dev.keel.kernel.CommitActions;
import dev.keel.kernel.DeltaAction;
import dev.keel.kernel.Table;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import java.util.EnumSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "log",
    description =
        "Print each commit's actions, oldest first, one JSON object per action, for debugging a table.")
final class LogCommand extends TableCommand {
  @Option(
      names = "--from",
      paramLabel = "S",
      defaultValue = "0",
      description = "The first commit (default: 0).")
  long from;

  @Option(names = "--to", paramLabel = "E", description = "The last commit (default: the latest).")
  Long to;

  @Override
  Integer run(DefaultEngine engine) {
    Table t = Table.forPath(engine, tablePath());
    long end = to != null ? to : t.getLatestSnapshot(engine).getVersion();
    try (CloseableIterator<CommitActions> it =
        t.getCommits(engine, from, end, EnumSet.allOf(DeltaAction.class))) {
      while (it.hasNext()) {
        try (CommitActions c = it.next()) {
          ColumnarBatch b = c.getActions();
          StructType schema = b.getSchema();
          for (int i = 0; i < b.getSize(); i++) {
            for (int col = 0; col < schema.length(); col++) {
              if (!b.getColumnVector(col).isNullAt(i)) {
                out()
                    .println(
                        "{\"version\":"
                            + c.getVersion()
                            + ",\""
                            + schema.at(col).getName()
                            + "\":"
                            + dev.keel.kernel.defaults.canonical.CanonicalJson.value(
                                b.getColumnVector(col), i, schema.at(col).getDataType())
                            + "}");
              }
            }
          }
        }
      }
    }
    return 0;
  }
}
