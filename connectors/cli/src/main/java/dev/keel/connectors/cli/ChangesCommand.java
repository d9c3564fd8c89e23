package dev.keel.connectors.cli;

import dev.keel.kernel.Changes;
import dev.keel.kernel.Table;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.engine.PredicateEvaluator;
import dev.keel.kernel.expressions.Predicate;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "changes",
    description =
        "Print a table's change data feed: the rows commits inserted, deleted and updated, with"
            + " _change_type, _commit_version and _commit_timestamp.")
final class ChangesCommand extends TableCommand {
  @Option(names = "--from", paramLabel = "S", required = true, description = "The first commit.")
  Long from;

  @Option(names = "--to", paramLabel = "E", description = "The last commit (default: the latest).")
  Long to;

  @Option(
      names = "--where",
      paramLabel = "PRED",
      description =
          "Only rows matching PRED; the change columns may be used, e.g. \"_change_type = 'delete'\".")
  String where;

  @Option(
      names = "--columns",
      paramLabel = "a,b",
      split = ",",
      description = "Only these columns (the change columns among them if wanted; default: all).")
  List<String> columns;

  @Option(
      names = "--format",
      paramLabel = "table|jsonl|csv",
      defaultValue = "table",
      description = "table (aligned text), jsonl (the canonical row form), or csv.")
  String format;

  @Override
  Integer run(DefaultEngine engine) {
    if (!List.of("table", "jsonl", "csv").contains(format)) {
      throw new UsageError("--format must be table, jsonl or csv, not `" + format + "`.");
    }
    var builder = Table.forPath(engine, tablePath()).getChanges().fromVersion(from);
    if (to != null) {
      builder = builder.toVersion(to);
    }
    Changes changes = builder.build(engine);
    StructType schema = changes.getSchema();
    StructType output = columns == null ? schema : Projection.of(schema, columns);
    Optional<Predicate> filter =
        Optional.ofNullable(where).map(w -> PredicateParser.parse(w, schema));
    List<List<String>> table = new ArrayList<>();
    if ("csv".equals(format)) {
      out()
          .println(
              String.join(
                  ",", output.fieldNames().stream().map(Csv::quote).toArray(String[]::new)));
    }
    long printed = 0;
    try (PredicateEvaluator evaluator =
            filter
                .map(f -> engine.getExpressionHandler().getPredicateEvaluator(schema, f))
                .orElse(null);
        CloseableIterator<FilteredColumnarBatch> it = changes.readData(engine)) {
      while (it.hasNext()) {
        try (FilteredColumnarBatch b = it.next();
            ColumnVector keep =
                evaluator == null ? null : evaluator.eval(b.getData(), b.getSelectionVector())) {
          for (int i = 0; i < b.getData().getSize(); i++) {
            if (keep == null ? !b.isSelected(i) : !keep.getBoolean(i)) {
              continue;
            }
            printed++;
            if ("jsonl".equals(format)) {
              out().println(Projection.jsonRow(output, b.getData(), schema, i));
              continue;
            }
            List<String> values = new ArrayList<>();
            for (StructField f : output.getFields()) {
              values.add(
                  CatCommand.render(
                      b.getData().getColumnVector(schema.indexOf(f.getName())),
                      i,
                      f.getDataType()));
            }
            if ("csv".equals(format)) {
              out()
                  .println(
                      String.join(",", values.stream().map(Csv::quote).toArray(String[]::new)));
            } else {
              table.add(values);
            }
          }
        }
      }
    }
    if ("table".equals(format)) {
      TextTable.print(out(), output.fieldNames(), table);
      out().println("(" + printed + " change" + (printed == 1 ? "" : "s") + ")");
    }
    return 0;
  }
}
