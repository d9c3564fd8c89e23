package dev.keel.connectors.cli;

import dev.keel.kernel.ScanFile;
import dev.keel.kernel.Snapshot;
import dev.keel.kernel.Table;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.data.MapValue;
import dev.keel.kernel.data.Row;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.expressions.Expression;
import dev.keel.kernel.expressions.Expressions;
import dev.keel.kernel.expressions.Predicate;
import dev.keel.kernel.utils.CloseableIterator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "files",
    description =
        "List the live data files, with partition values, size, row count and deletion-vector cardinality.")
final class FilesCommand extends TableCommand {
  @Option(names = "--version", paramLabel = "V", description = "List the files of version V.")
  Long version;

  @Option(
      names = "--where",
      paramLabel = "PRED",
      description = "Only files that may hold rows matching PRED.")
  String where;

  @Option(
      names = "--explain",
      description = "Say how many files the partition filter and the statistics removed.")
  boolean explain;

  @Option(names = "--json", description = "Print one JSON object per file.")
  boolean json;

  @Override
  Integer run(DefaultEngine engine) {
    Snapshot s = snapshot(engine, Table.forPath(engine, tablePath()), version, null);
    Optional<Predicate> filter =
        Optional.ofNullable(where).map(w -> PredicateParser.parse(w, s.getSchema()));
    List<Map<String, Object>> files = list(engine, s, filter);
    for (Map<String, Object> f : files) {
      if (json) {
        out().println(JsonText.of(f));
      } else {
        out()
            .println(
                String.format(
                    "%-60s %10s bytes %8s rows%s%s",
                    f.get("path"),
                    f.get("size"),
                    f.get("numRecords") == null ? "?" : f.get("numRecords"),
                    ((Map<?, ?>) f.get("partitionValues")).isEmpty()
                        ? ""
                        : "  " + f.get("partitionValues"),
                    f.get("deletedRows") == null
                        ? ""
                        : "  dv: " + f.get("deletedRows") + " deleted"));
      }
    }
    if (explain) {
      long total = list(engine, s, Optional.empty()).size();
      long afterPartitions =
          filter
              .map(p -> partitionPart(p, Set.copyOf(s.getPartitionColumns())))
              .map(p -> (long) list(engine, s, Optional.of(p)).size())
              .orElse(total);
      String report =
          "files: "
              + total
              + " in the table, "
              + (total - afterPartitions)
              + " removed by the partition filter, "
              + (afterPartitions - files.size())
              + " removed by statistics, "
              + files.size()
              + " to read";
      (json ? err() : out()).println(report);
    }
    return 0;
  }

  static Predicate partitionPart(Predicate p, Set<String> partitionColumns) {
    List<Expression> parts = new ArrayList<>();
    for (Expression c : conjuncts(p)) {
      Set<String> cols = new java.util.HashSet<>();
      columns(c, cols);
      if (!cols.isEmpty() && partitionColumns.containsAll(cols)) {
        parts.add(c);
      }
    }
    return Expressions.and(parts);
  }

  private static List<Expression> conjuncts(Expression e) {
    List<Expression> out = new ArrayList<>();
    if (e instanceof Predicate && ((Predicate) e).getKind() == Predicate.Kind.AND) {
      e.getChildren().forEach(c -> out.addAll(conjuncts(c)));
    } else {
      out.add(e);
    }
    return out;
  }

  private static void columns(Expression e, Set<String> out) {
    if (e instanceof dev.keel.kernel.expressions.Column) {
      out.add(((dev.keel.kernel.expressions.Column) e).getNames().get(0));
    }
    e.getChildren().forEach(c -> columns(c, out));
  }

  private static List<Map<String, Object>> list(
      DefaultEngine engine, Snapshot s, Optional<Predicate> filter) {
    List<Map<String, Object>> out = new ArrayList<>();
    var builder = s.getScanBuilder();
    if (filter.isPresent()) {
      builder = builder.withFilter(filter.get());
    }
    try (CloseableIterator<FilteredColumnarBatch> it = builder.build().getScanFiles(engine)) {
      while (it.hasNext()) {
        try (FilteredColumnarBatch b = it.next();
            CloseableIterator<Row> rows = b.getRows()) {
          while (rows.hasNext()) {
            Row r = rows.next();
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("path", ScanFile.getPath(r));
            Map<String, Object> pv = new TreeMap<>();
            if (!r.isNullAt(ScanFile.PARTITION_VALUES)) {
              MapValue m = r.getMap(ScanFile.PARTITION_VALUES);
              for (int i = 0; i < m.getSize(); i++) {
                pv.put(
                    m.getKeys().getString(i),
                    m.getValues().isNullAt(i) ? null : m.getValues().getString(i));
              }
            }
            f.put("partitionValues", pv);
            f.put("size", ScanFile.getSize(r));
            f.put("numRecords", ScanFile.getStats(r).map(FilesCommand::numRecords).orElse(null));
            f.put(
                "deletedRows",
                r.isNullAt(ScanFile.DELETION_VECTOR)
                    ? null
                    : r.getStruct(ScanFile.DELETION_VECTOR).getLong(4));
            out.add(f);
          }
        }
      }
    }
    out.sort((a, b) -> ((String) a.get("path")).compareTo((String) b.get("path")));
    return out;
  }

  private static Long numRecords(String stats) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\"numRecords\"\\s*:\\s*(\\d+)").matcher(stats);
    return m.find() ? Long.parseLong(m.group(1)) : null;
  }
}
