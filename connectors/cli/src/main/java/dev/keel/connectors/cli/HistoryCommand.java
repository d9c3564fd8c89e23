package dev.keel.connectors.cli;

import dev.keel.kernel.CommitInfo;
import dev.keel.kernel.Table;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "history", description = "List a table's commits, newest first.")
final class HistoryCommand extends TableCommand {
  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "Show the newest N commits (default: all).")
  Integer limit;

  @Option(names = "--json", description = "Print one JSON object per commit.")
  boolean json;

  @Override
  Integer run(DefaultEngine engine) {
    if (limit != null && limit < 1) {
      throw new UsageError("--limit must be at least 1, got " + limit + ".");
    }
    Table t = Table.forPath(engine, tablePath());
    long latest = t.getLatestSnapshot(engine).getVersion();
    long from = limit == null ? 0 : Math.max(0, latest - limit + 1);
    List<CommitInfo> history;
    try {
      history = t.getHistory(engine, from, latest);
    } catch (dev.keel.kernel.exceptions.VersionNotFoundException e) {
      history = List.of(); // commits removed by metadata cleanup
    }
    if (!json) {
      out()
          .println(
              String.format(
                  "%-8s  %-24s  %-18s  %s", "VERSION", "TIMESTAMP", "OPERATION", "PARAMETERS"));
    }
    for (CommitInfo c : history) {
      if (json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", c.getVersion());
        m.put("timestamp", c.getTimestamp());
        m.put("operation", c.getOperation().orElse(null));
        m.put("operationParameters", new LinkedHashMap<String, Object>(c.getOperationParameters()));
        m.put("engineInfo", c.getEngineInfo().orElse(null));
        out().println(JsonText.of(m));
      } else {
        out()
            .println(
                String.format(
                    "%-8d  %-24s  %-18s  %s",
                    c.getVersion(),
                    instant(c.getTimestamp()),
                    c.getOperation().orElse("-"),
                    c.getOperationParameters()));
      }
    }
    return 0;
  }
}
