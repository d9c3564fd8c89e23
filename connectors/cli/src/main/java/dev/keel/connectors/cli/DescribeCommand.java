package dev.keel.connectors.cli;

import dev.keel.kernel.Protocol;
import dev.keel.kernel.ScanFile;
import dev.keel.kernel.Snapshot;
import dev.keel.kernel.Table;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.data.Row;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.types.ArrayType;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.MapType;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "describe",
    description =
        "Show a table's version, schema, partition columns, protocol, properties, file count and size.")
final class DescribeCommand extends TableCommand {
  @Option(names = "--version", paramLabel = "V", description = "Describe version V.")
  Long version;

  @Option(
      names = "--timestamp",
      paramLabel = "T",
      description = "Describe the version current at time T (UTC unless a zone is given).")
  String timestamp;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Override
  Integer run(DefaultEngine engine) {
    Snapshot s = snapshot(engine, Table.forPath(engine, tablePath()), version, timestamp);
    long files = 0;
    long bytes = 0;
    try (CloseableIterator<FilteredColumnarBatch> it = s.getFiles(engine)) {
      while (it.hasNext()) {
        try (FilteredColumnarBatch b = it.next();
            CloseableIterator<Row> rows = b.getRows()) {
          while (rows.hasNext()) {
            files++;
            bytes += ScanFile.getSize(rows.next());
          }
        }
      }
    }
    Protocol p = s.getProtocol();
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("version", s.getVersion());
      m.put("timestamp", s.getTimestamp());
      m.put("minReaderVersion", (long) p.getMinReaderVersion());
      m.put("minWriterVersion", (long) p.getMinWriterVersion());
      m.put("readerFeatures", new ArrayList<Object>(p.getReaderFeatures()));
      m.put("writerFeatures", new ArrayList<Object>(p.getWriterFeatures()));
      m.put("partitionColumns", new ArrayList<Object>(s.getPartitionColumns()));
      m.put("schemaString", s.getMetadata().getSchemaString());
      m.put("properties", new LinkedHashMap<String, Object>(s.getProperties()));
      m.put("tableId", s.getMetadata().getId());
      m.put("numFiles", files);
      m.put("sizeInBytes", bytes);
      out().println(JsonText.of(m));
      return 0;
    }
    PrintWriter o = out();
    o.println("Table:             " + s.getTablePath());
    o.println("Version:           " + s.getVersion() + " (" + instant(s.getTimestamp()) + ")");
    o.println("Table id:          " + s.getMetadata().getId());
    o.println(
        "Protocol:          reader "
            + p.getMinReaderVersion()
            + ", writer "
            + p.getMinWriterVersion());
    if (!p.getReaderFeatures().isEmpty()) {
      o.println("Reader features:   " + String.join(", ", p.getReaderFeatures()));
    }
    if (!p.getWriterFeatures().isEmpty()) {
      o.println("Writer features:   " + String.join(", ", p.getWriterFeatures()));
    }
    o.println(
        "Partition columns: "
            + (s.getPartitionColumns().isEmpty()
                ? "(none)"
                : String.join(", ", s.getPartitionColumns())));
    o.println("Files:             " + files + " (" + bytes + " bytes)");
    o.println("Properties:" + (s.getProperties().isEmpty() ? "        (none)" : ""));
    s.getProperties().forEach((k, v) -> o.println("  " + k + " = " + v));
    o.println("Schema:");
    tree(o, s.getSchema(), "  ");
    return 0;
  }

  static void tree(PrintWriter o, StructType s, String indent) {
    for (StructField f : s.getFields()) {
      o.println(
          indent
              + f.getName()
              + ": "
              + typeName(f.getDataType())
              + (f.isNullable() ? "" : " not null"));
      nested(o, f.getDataType(), indent + "  ");
    }
  }

  private static void nested(PrintWriter o, DataType t, String indent) {
    if (t instanceof StructType) {
      tree(o, (StructType) t, indent);
    } else if (t instanceof ArrayType) {
      o.println(indent + "element: " + typeName(((ArrayType) t).getElementType()));
      nested(o, ((ArrayType) t).getElementType(), indent + "  ");
    } else if (t instanceof MapType) {
      o.println(indent + "key: " + typeName(((MapType) t).getKeyType()));
      o.println(indent + "value: " + typeName(((MapType) t).getValueType()));
      nested(o, ((MapType) t).getValueType(), indent + "  ");
    }
  }

  private static String typeName(DataType t) {
    return t instanceof StructType
        ? "struct"
        : t instanceof ArrayType ? "array" : t instanceof MapType ? "map" : t.toString();
  }
}
