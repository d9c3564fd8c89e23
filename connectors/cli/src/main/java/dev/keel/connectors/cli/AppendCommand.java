package dev.keel.connectors.cli;

import dev.keel.kernel.CommitResult;
import dev.keel.kernel.Operation;
import dev.keel.kernel.Table;
import dev.keel.kernel.Transaction;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.defaults.canonical.CanonicalJson;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.engine.FileReadResult;
import dev.keel.kernel.exceptions.MalformedDataException;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import dev.keel.kernel.utils.FileStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "append",
    description =
        "Append CSV (with a header), JSON lines or Parquet files, converted to the table's schema, in one commit.")
final class AppendCommand extends TableCommand {
  @Parameters(
      index = "1..*",
      arity = "1..*",
      paramLabel = "FILE",
      description = "Files ending in .csv, .json/.jsonl/.ndjson or .parquet.")
  List<String> files;

  @Override
  Integer run(DefaultEngine engine) throws IOException {
    Transaction t =
        Table.forPath(engine, tablePath())
            .createTransactionBuilder("keel-cli", Operation.WRITE)
            .build(engine);
    StructType schema = t.getSchema();
    long rows = 0;
    for (String f : files) {
      rows += appendFile(engine, t, schema, Paths.get(f).toAbsolutePath());
    }
    CommitResult r = t.commit(engine);
    out()
        .println(
            "Appended "
                + rows
                + " row"
                + (rows == 1 ? "" : "s")
                + " from "
                + files.size()
                + " file"
                + (files.size() == 1 ? "" : "s")
                + " at version "
                + r.getVersion()
                + ".");
    return 0;
  }

  private long appendFile(DefaultEngine engine, Transaction t, StructType schema, Path file)
      throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new UsageError("No such file: " + file);
    }
    String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    List<ColumnarBatch> batches = new ArrayList<>();
    try {
      if (name.endsWith(".csv")) {
        Path json = csvToJsonLines(file, schema);
        try {
          readJson(engine, json, schema, batches);
        } catch (MalformedDataException e) {
          throw new UsageError(csvMessage(e.getMessage(), json, file));
        } finally {
          Files.deleteIfExists(json);
        }
      } else if (name.endsWith(".json") || name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
        readJson(engine, file, schema, batches);
      } else if (name.endsWith(".parquet")) {
        try (CloseableIterator<FileReadResult> it =
            engine
                .getParquetHandler()
                .readParquetFiles(
                    CloseableIterator.of(
                        List.of(FileStatus.of(file.toString(), Files.size(file), 0))),
                    schema,
                    Optional.empty())) {
          it.forEachRemaining(r -> batches.add(r.getData()));
        }
      } else {
        throw new UsageError(
            "Cannot append " + file + ": use a .csv, .json, .jsonl, .ndjson or .parquet file.");
      }
      long rows = 0;
      for (ColumnarBatch b : batches) {
        rows += b.getSize();
      }
      List<ColumnarBatch> handedOver = new ArrayList<>(batches);
      batches.clear(); // writeRows closes them
      t.writeRows(engine, CloseableIterator.of(handedOver));
      return rows;
    } finally {
      batches.forEach(ColumnarBatch::close);
    }
  }

  private static void readJson(
      DefaultEngine engine, Path file, StructType schema, List<ColumnarBatch> out)
      throws IOException {
    try (CloseableIterator<FileReadResult> it =
        engine
            .getJsonHandler()
            .readJsonFiles(
                CloseableIterator.of(List.of(FileStatus.of(file.toString(), Files.size(file), 0))),
                schema,
                Optional.empty())) {
      it.forEachRemaining(r -> out.add(r.getData()));
    }
  }

  /**
   * A CSV's rows as JSON objects of strings (empty fields are null); the JSON handler converts the
   * types.
   */
  private static Path csvToJsonLines(Path csv, StructType schema) throws IOException {
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    if (lines.isEmpty()) {
      throw new UsageError(
          csv + ": empty file; a CSV file needs a header line naming the columns.");
    }
    List<String> header = Csv.split(lines.get(0), 1, csv.toString());
    for (String h : header) {
      if (schema.indexOf(h.trim()) < 0) {
        throw new UsageError(
            csv + ":1: unknown column '" + h + "'. Columns: " + schema.fieldNames() + ".");
      }
    }
    Path json = Files.createTempFile("keel-append", ".json");
    StringBuilder sb = new StringBuilder();
    for (int n = 1; n < lines.size(); n++) {
      List<String> values = Csv.split(lines.get(n), n + 1, csv.toString());
      if (values.size() != header.size()) {
        throw new UsageError(
            csv
                + ":"
                + (n + 1)
                + ": "
                + values.size()
                + " fields, the header has "
                + header.size()
                + ".");
      }
      sb.append('{');
      for (int c = 0; c < header.size(); c++) {
        sb.append(c == 0 ? "" : ",");
        CanonicalJson.string(sb, header.get(c).trim());
        sb.append(':');
        DataType type = schema.at(schema.indexOf(header.get(c).trim())).getDataType();
        String v = values.get(c).trim();
        if (values.get(c).isEmpty()) {
          sb.append("null");
        } else if (type.isNested() && (v.startsWith("[") || v.startsWith("{"))) {
          sb.append(v); // nested values are written as JSON in the cell
        } else {
          CanonicalJson.string(sb, values.get(c));
        }
      }
      sb.append("}\n");
    }
    Files.write(json, sb.toString().getBytes(StandardCharsets.UTF_8));
    return json;
  }

  private static String csvMessage(String message, Path json, Path csv) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("at line (\\d+): (.*?)\\. The file").matcher(message);
    if (m.find()) {
      return csv + ":" + (Long.parseLong(m.group(1)) + 1) + ": " + m.group(2) + ".";
    }
    return message.replace(json.toString(), csv.toString());
  }

  /** Splits a batch by its rows' partition values and writes each group. */
}
