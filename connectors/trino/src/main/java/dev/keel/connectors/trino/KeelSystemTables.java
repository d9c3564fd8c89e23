package dev.keel.connectors.trino;

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.TimestampWithTimeZoneType.TIMESTAMP_TZ_MILLIS;
import static io.trino.spi.type.VarcharType.VARCHAR;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.keel.kernel.CommitInfo;
import dev.keel.kernel.ScanFile;
import dev.keel.kernel.Snapshot;
import dev.keel.kernel.Table;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.data.MapValue;
import dev.keel.kernel.data.Row;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.exceptions.KernelException;
import dev.keel.kernel.utils.CloseableIterator;
import io.trino.spi.connector.ColumnMetadata;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorTableMetadata;
import io.trino.spi.connector.ConnectorTransactionHandle;
import io.trino.spi.connector.InMemoryRecordSet;
import io.trino.spi.connector.RecordCursor;
import io.trino.spi.connector.SchemaTableName;
import io.trino.spi.connector.SystemTable;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.type.DateTimeEncoding;
import io.trino.spi.type.TimeZoneKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metadata tables of a {@code keel} table, read from its log on the coordinator: {@code
 * "t$history"} (one row per commit, newest first), {@code "t$properties"} (table properties and
 * protocol) and {@code "t$files"} (the live data files of the latest version).
 */
final class KeelSystemTables {
  private static final Pattern NUM_RECORDS = Pattern.compile("\"numRecords\":(\\d+)");

  private KeelSystemTables() {}

  /**
   * @return the metadata table {@code kind} ({@code history}, {@code properties}, {@code files}) of
   *     the table at {@code location}, or empty for another kind
   */
  static Optional<SystemTable> of(
      Engine engine, TableSnapshots snapshots, SchemaTableName name, String location, String kind) {
    return switch (kind) {
      case "history" ->
          Optional.of(
              table(
                  name,
                  List.of(
                      new ColumnMetadata("version", BIGINT),
                      new ColumnMetadata("timestamp", TIMESTAMP_TZ_MILLIS),
                      new ColumnMetadata("operation", VARCHAR),
                      new ColumnMetadata("operation_parameters", VARCHAR),
                      new ColumnMetadata("engine_info", VARCHAR)),
                  b -> history(engine, snapshots, location, b)));
      case "properties" ->
          Optional.of(
              table(
                  name,
                  List.of(new ColumnMetadata("key", VARCHAR), new ColumnMetadata("value", VARCHAR)),
                  b -> properties(snapshots.latest(location), b)));
      case "files" ->
          Optional.of(
              table(
                  name,
                  List.of(
                      new ColumnMetadata("path", VARCHAR),
                      new ColumnMetadata("size", BIGINT),
                      new ColumnMetadata("partition_values", VARCHAR),
                      new ColumnMetadata("record_count", BIGINT),
                      new ColumnMetadata("deleted_rows", BIGINT),
                      new ColumnMetadata("modification_time", TIMESTAMP_TZ_MILLIS)),
                  b -> files(engine, snapshots.latest(location), b)));
      default -> Optional.empty();
    };
  }

  private static void history(
      Engine engine, TableSnapshots snapshots, String location, InMemoryRecordSet.Builder b) {
    long latest = snapshots.latest(location).getVersion();
    for (CommitInfo c : Table.forPath(engine, location).getHistory(engine, 0, latest)) {
      b.addRow(
          c.getVersion(),
          millis(c.getTimestamp()),
          c.getOperation().orElse(null),
          json(c.getOperationParameters()),
          c.getEngineInfo().orElse(null));
    }
  }

  private static void properties(Snapshot s, InMemoryRecordSet.Builder b) {
    Map<String, String> out = new TreeMap<>(s.getProperties());
    out.put("delta.minReaderVersion", String.valueOf(s.getProtocol().getMinReaderVersion()));
    out.put("delta.minWriterVersion", String.valueOf(s.getProtocol().getMinWriterVersion()));
    for (String f : s.getProtocol().getReaderFeatures()) {
      out.put("delta.feature." + f, "supported");
    }
    for (String f : s.getProtocol().getWriterFeatures()) {
      out.put("delta.feature." + f, "supported");
    }
    out.forEach((k, v) -> b.addRow(k, v));
  }

  private static void files(Engine engine, Snapshot s, InMemoryRecordSet.Builder b) {
    try (CloseableIterator<FilteredColumnarBatch> it = s.getFiles(engine)) {
      while (it.hasNext()) {
        try (FilteredColumnarBatch batch = it.next();
            CloseableIterator<Row> rows = batch.getRows()) {
          while (rows.hasNext()) {
            Row f = rows.next();
            Long records =
                ScanFile.getStats(f)
                    .map(NUM_RECORDS::matcher)
                    .filter(Matcher::find)
                    .map(m -> Long.parseLong(m.group(1)))
                    .orElse(null);
            Long deleted =
                f.isNullAt(ScanFile.DELETION_VECTOR)
                    ? null
                    : f.getStruct(ScanFile.DELETION_VECTOR).getLong(4);
            b.addRow(
                ScanFile.getPath(f),
                ScanFile.getSize(f),
                partitionValues(f),
                records,
                deleted,
                millis(f.getLong(ScanFile.MODIFICATION_TIME)));
          }
        }
      }
    }
  }

  private static String partitionValues(Row f) {
    Map<String, String> values = new TreeMap<>();
    if (!f.isNullAt(ScanFile.PARTITION_VALUES)) {
      MapValue m = f.getMap(ScanFile.PARTITION_VALUES);
      for (int i = 0; i < m.getSize(); i++) {
        values.put(
            m.getKeys().getString(i),
            m.getValues().isNullAt(i) ? null : m.getValues().getString(i));
      }
    }
    return json(values);
  }

  /** A JSON object of string values, keys sorted. */
  private static String json(Map<String, String> values) {
    StringBuilder sb = new StringBuilder("{");
    new TreeMap<>(values)
        .forEach(
            (k, v) -> {
              if (sb.length() > 1) {
                sb.append(',');
              }
              quote(sb, k);
              sb.append(':');
              if (v == null) {
                sb.append("null");
              } else {
                quote(sb, v);
              }
            });
    return sb.append('}').toString();
  }

  private static void quote(StringBuilder sb, String s) {
    sb.append('"');
    JsonStringEncoder.getInstance().quoteAsString(s, sb);
    sb.append('"');
  }

  private static long millis(long epochMillis) {
    return DateTimeEncoding.packDateTimeWithZone(epochMillis, TimeZoneKey.UTC_KEY);
  }

  private interface Rows {
    void add(InMemoryRecordSet.Builder b);
  }

  private static SystemTable table(SchemaTableName name, List<ColumnMetadata> columns, Rows rows) {
    ConnectorTableMetadata metadata = new ConnectorTableMetadata(name, columns);
    return new SystemTable() {
      @Override
      public Distribution getDistribution() {
        return Distribution.SINGLE_COORDINATOR;
      }

      @Override
      public ConnectorTableMetadata getTableMetadata() {
        return metadata;
      }

      @Override
      public RecordCursor cursor(
          ConnectorTransactionHandle transaction,
          ConnectorSession session,
          TupleDomain<Integer> constraint) {
        InMemoryRecordSet.Builder b = InMemoryRecordSet.builder(metadata);
        try {
          rows.add(b);
        } catch (KernelException e) {
          throw KeelErrorCode.fromKernel(e);
        }
        return b.build().cursor();
      }
    };
  }
}
