package dev.keel.connectors.cli;

import dev.keel.kernel.Operation;
import dev.keel.kernel.Table;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.types.StructType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "create", description = "Create a Delta table.")
final class CreateCommand extends TableCommand {
  @Option(
      names = "--schema",
      required = true,
      paramLabel = "COLUMNS",
      description =
          "SQL-style columns, e.g. 'id BIGINT NOT NULL, name STRING, tags ARRAY<STRING>, price DECIMAL(10,2)'.")
  String schema;

  @Option(
      names = "--partitioned-by",
      paramLabel = "col,...",
      split = ",",
      description = "Partition columns.")
  List<String> partitionedBy = new ArrayList<>();

  @Option(
      names = "--property",
      paramLabel = "k=v",
      description = "A table property, e.g. delta.appendOnly=true (repeatable).")
  List<String> properties = new ArrayList<>();

  @Override
  Integer run(DefaultEngine engine) {
    StructType parsed = TypeParser.parseSchema(schema);
    Map<String, String> props = new LinkedHashMap<>();
    for (String p : properties) {
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw new UsageError("Invalid --property '" + p + "': use key=value.");
      }
      props.put(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
    }
    long version =
        Table.forPath(engine, tablePath())
            .createTransactionBuilder("keel-cli", Operation.CREATE_TABLE)
            .withSchema(parsed)
            .withPartitionColumns(partitionedBy)
            .withTableProperties(props)
            .build(engine)
            .commit(engine)
            .getVersion();
    out().println("Created " + tablePath() + " at version " + version + ".");
    return 0;
  }
}
