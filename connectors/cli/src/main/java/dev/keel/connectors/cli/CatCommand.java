package dev.keel.connectors.cli;

import dev.keel.kernel.Scan;
import dev.keel.kernel.ScanBuilder;
import dev.keel.kernel.ScanFile;
import dev.keel.kernel.Snapshot;
import dev.keel.kernel.Table;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.data.Row;
import dev.keel.kernel.defaults.canonical.CanonicalJson;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.engine.PredicateEvaluator;
import dev.keel.kernel.exceptions.InvalidTableException;
import dev.keel.kernel.expressions.Predicate;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "cat", description = "Print a table's rows.")
final class CatCommand extends TableCommand {
  @Option(names = "--version", paramLabel = "V", description = "Rows of version V.")
  Long version;

  @Option(
      names = "--timestamp",
      paramLabel = "T",
      description = "Rows of the version current at time T.")
  String timestamp;

  @Option(
      names = "--where",
      paramLabel = "PRED",
      description = "Only rows matching PRED, e.g. \"year >= 2020 AND city LIKE 'San%%'\".")
  String where;

  @Option(
      names = "--columns",
      paramLabel = "a,b.c",
      split = ",",
      description = "Only these columns (dotted for nested fields).")
  List<String> columns;

  @Option(names = "--limit", paramLabel = "N", description = "At most N rows.")
  Long limit;

  @Option(
      names = "--format",
      paramLabel = "table|jsonl|csv",
      defaultValue = "table",
      description =
          "table (aligned text), jsonl (the canonical row form: keys sorted, decimals as strings, binary as base64, "
              + "maps as [key, value] pairs), or csv.")
  String format;

  /**
   * Files are read one after another, so rows (and what --limit keeps) are the same from run to
   * run.
   */
  @Override
  DefaultEngine engine() {
    return DefaultEngine.builder().dataReadParallelism(1).build();
  }

  @Override
  Integer run(DefaultEngine engine) {
    if (!List.of("table", "jsonl", "csv").contains(format)) {
      throw new UsageError("Unknown --format '" + format + "': use table, jsonl or csv.");
    }
    if (limit != null && limit < 0) {
      throw new UsageError("--limit must not be negative, got " + limit + ".");
    }
    Snapshot s = snapshot(engine, Table.forPath(engine, tablePath()), version, timestamp);
    StructType schema = s.getSchema();
    Optional<Predicate> filter =
        Optional.ofNullable(where).map(w -> PredicateParser.parse(w, schema));
    StructType output = columns == null ? schema : Projection.of(schema, columns);
    StructType read = filter.map(f -> Projection.union(output, schema, f)).orElse(output);
    ScanBuilder builder = s.getScanBuilder().withReadSchema(read);
    if (filter.isPresent()) {
      builder = builder.withFilter(filter.get());
    }
    Scan scan = builder.build();
    // Rows are printed as they are read: a file missing halfway would leave part of the answer
    // printed. Without --limit every file is read, so each is checked first; with --limit (and
    // for the aligned table, which waits for its widths) lines are held until the read is done.
    boolean holdLines = limit != null || "table".equals(format);
    if (!holdLines) {
      checkFilesExist(engine, s, scan);
    }
    List<String> held = new ArrayList<>();
    java.util.function.Consumer<String> println = holdLines ? held::add : out()::println;
    List<List<String>> table = new ArrayList<>();
    long printed = 0;
    if ("csv".equals(format)) {
      out()
          .println(
              String.join(
                  ",", output.fieldNames().stream().map(Csv::quote).toArray(String[]::new)));
    }
    // the remaining filter's evaluator (null without one: try-with-resources skips it)
    try (PredicateEvaluator evaluator =
            scan.getRemainingFilter()
                .map(
                    p ->
                        engine
                            .getExpressionHandler()
                            .getPredicateEvaluator(scan.getScanState().getLogicalSchema(), p))
                .orElse(null);
        CloseableIterator<FilteredColumnarBatch> it = scan.readData(engine);
        Progress progress = new Progress(err(), "rows")) {
      while (it.hasNext() && (limit == null || printed < limit)) {
        try (FilteredColumnarBatch b = it.next();
            ColumnVector keep =
                evaluator == null ? null : evaluator.eval(b.getData(), b.getSelectionVector())) {
          for (int i = 0; i < b.getData().getSize() && (limit == null || printed < limit); i++) {
            if (keep == null ? !b.isSelected(i) : !keep.getBoolean(i)) {
              continue;
            }
            printed++;
            progress.tick();
            List<String> values = new ArrayList<>();
            for (StructField f : output.getFields()) {
              int ordinal = read.indexOf(f.getName());
              values.add(render(b.getData().getColumnVector(ordinal), i, f.getDataType()));
            }
            if ("jsonl".equals(format)) {
              println.accept(Projection.jsonRow(output, b.getData(), read, i));
            } else if ("csv".equals(format)) {
              println.accept(
                  String.join(",", values.stream().map(Csv::quote).toArray(String[]::new)));
            } else {
              table.add(values);
            }
          }
        }
      }
    }
    held.forEach(out()::println);
    if ("table".equals(format)) {
      TextTable.print(out(), output.fieldNames(), table);
      out().println("(" + printed + " row" + (printed == 1 ? "" : "s") + ")");
    }
    return 0;
  }

  /**
   * Checks that every data file the scan reads, and every deletion vector file, is there, before
   * the first row is printed.
   *
   * @throws InvalidTableException naming the first missing file
   */
  private static void checkFilesExist(DefaultEngine engine, Snapshot s, Scan scan) {
    String tablePath = s.getTablePath();
    try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
      while (files.hasNext()) {
        try (FilteredColumnarBatch batch = files.next();
            CloseableIterator<Row> rows = batch.getRows()) {
          while (rows.hasNext()) {
            Row f = rows.next();
            String data = ScanFile.resolvePath(tablePath, ScanFile.getPath(f));
            requireFile(engine, tablePath, data, "data file `" + data + "`");
            if (!f.isNullAt(ScanFile.DELETION_VECTOR)) {
              Optional<String> dv =
                  ScanFile.resolveDeletionVectorPath(
                      tablePath, f.getStruct(ScanFile.DELETION_VECTOR));
              if (dv.isPresent()) {
                requireFile(
                    engine,
                    tablePath,
                    dv.get(),
                    "deletion vector file `" + dv.get() + "` (of the data file `" + data + "`)");
              }
            }
          }
        }
      }
    }
  }

  private static void requireFile(
      DefaultEngine engine, String tablePath, String path, String described) {
    try {
      engine.getFileSystemClient().getFileStatus(path);
    } catch (java.io.FileNotFoundException | java.nio.file.NoSuchFileException e) {
      throw new InvalidTableException(
          "Cannot read `"
              + tablePath
              + "`: the "
              + described
              + " is missing, so nothing was printed. The table's files were deleted or only"
              + " partly copied; a version from before (--version) may still be whole.");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A value as plain text: strings unquoted, other values in their canonical JSON text. */
  static String render(ColumnVector v, int row, DataType t) {
    if (v.isNullAt(row)) {
      return "";
    }
    if (t instanceof dev.keel.kernel.types.StringType) {
      return v.getString(row);
    }
    String json = CanonicalJson.value(v, row, t);
    // dates, timestamps, decimals and binary render as JSON strings without escapes: drop the
    // quotes
    return json.startsWith("\"") && json.indexOf('\\') < 0
        ? json.substring(1, json.length() - 1)
        : json;
  }
}
