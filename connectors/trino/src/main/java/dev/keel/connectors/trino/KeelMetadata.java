package dev.keel.connectors.trino;

import dev.keel.kernel.Snapshot;
import dev.keel.kernel.exceptions.KernelException;
import dev.keel.kernel.types.StructField;
import io.trino.filesystem.Location;
import io.trino.filesystem.TrinoFileSystem;
import io.trino.spi.StandardErrorCode;
import io.trino.spi.TrinoException;
import io.trino.spi.connector.Assignment;
import io.trino.spi.connector.ColumnHandle;
import io.trino.spi.connector.ColumnMetadata;
import io.trino.spi.connector.ConnectorMetadata;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorTableHandle;
import io.trino.spi.connector.ConnectorTableMetadata;
import io.trino.spi.connector.ConnectorTableVersion;
import io.trino.spi.connector.Constraint;
import io.trino.spi.connector.ConstraintApplicationResult;
import io.trino.spi.connector.LimitApplicationResult;
import io.trino.spi.connector.PointerType;
import io.trino.spi.connector.ProjectionApplicationResult;
import io.trino.spi.connector.SchemaTableName;
import io.trino.spi.expression.ConnectorExpression;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.type.DateTimeEncoding;
import io.trino.spi.type.DateType;
import io.trino.spi.type.LongTimestamp;
import io.trino.spi.type.LongTimestampWithTimeZone;
import io.trino.spi.type.TimestampType;
import io.trino.spi.type.TimestampWithTimeZoneType;
import io.trino.spi.type.Type;
import io.trino.spi.type.VarcharType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Schemas and tables of a {@code keel} catalog, and what the engine pushes into a table scan. Every
 * table is read at the version fixed when the query resolved it, through Keel's snapshots.
 */
final class KeelMetadata implements ConnectorMetadata {
  private final KeelConfig config;
  private final TrinoFileSystem fs;
  private final TableSnapshots snapshots;
  private final KeelTypes types;

  KeelMetadata(KeelConfig config, TrinoFileSystem fs, TableSnapshots snapshots, KeelTypes types) {
    this.config = config;
    this.fs = fs;
    this.snapshots = snapshots;
    this.types = types;
  }

  @Override
  public List<String> listSchemaNames(ConnectorSession session) {
    Set<String> out = new TreeSet<>(config.tables().keySet());
    out.addAll(rootSchemas().keySet());
    return List.copyOf(out);
  }

  @Override
  public List<SchemaTableName> listTables(ConnectorSession session, Optional<String> schemaName) {
    List<SchemaTableName> out = new ArrayList<>();
    for (String schema : schemaName.map(List::of).orElseGet(() -> listSchemaNames(session))) {
      for (String table : tables(schema).keySet()) {
        out.add(new SchemaTableName(schema, table));
      }
    }
    return out;
  }

  @Override
  public ConnectorTableHandle getTableHandle(
      ConnectorSession session,
      SchemaTableName name,
      Optional<ConnectorTableVersion> startVersion,
      Optional<ConnectorTableVersion> endVersion) {
    // FOR VERSION / TIMESTAMP AS OF is the end of the range; a start is a range of versions
    if (startVersion.isPresent()) {
      throw new TrinoException(
          StandardErrorCode.NOT_SUPPORTED, "A keel table cannot be read as of a range of versions");
    }
    String location = tables(name.getSchemaName()).get(name.getTableName());
    if (location == null) {
      return null;
    }
    Snapshot snapshot;
    try {
      snapshot =
          endVersion.isPresent()
              ? versionOf(session, location, endVersion.get())
              : snapshots.latest(location);
    } catch (KernelException e) {
      // a name this catalog knows whose location Keel cannot read: say why, in Keel's words
      throw KeelErrorCode.fromKernel(e);
    }
    return new KeelTableHandle(
        name.getSchemaName(),
        name.getTableName(),
        location,
        snapshot.getVersion(),
        Optional.empty(),
        OptionalLong.empty(),
        TupleDomain.all());
  }

  private Snapshot versionOf(ConnectorSession session, String location, ConnectorTableVersion v) {
    Type type = v.getVersionType();
    Object value = v.getVersion();
    if (v.getPointerType() == PointerType.TARGET_ID) {
      long version =
          type instanceof VarcharType
              ? Long.parseLong(((io.airlift.slice.Slice) value).toStringUtf8().trim())
              : (Long) value;
      return snapshots.at(location, version);
    }
    long millis;
    if (type instanceof TimestampWithTimeZoneType t) {
      millis =
          t.isShort()
              ? DateTimeEncoding.unpackMillisUtc((Long) value)
              : ((LongTimestampWithTimeZone) value).getEpochMillis();
    } else if (type instanceof TimestampType t) {
      long micros = t.isShort() ? (Long) value : ((LongTimestamp) value).getEpochMicros();
      LocalDateTime local =
          LocalDateTime.ofEpochSecond(
              Math.floorDiv(micros, 1_000_000),
              (int) Math.floorMod(micros, 1_000_000) * 1000,
              ZoneOffset.UTC);
      millis = local.atZone(session.getTimeZoneKey().getZoneId()).toInstant().toEpochMilli();
    } else if (type instanceof DateType) {
      millis =
          LocalDate.ofEpochDay((Long) value)
              .atStartOfDay(session.getTimeZoneKey().getZoneId())
              .toInstant()
              .toEpochMilli();
    } else {
      throw new TrinoException(
          StandardErrorCode.NOT_SUPPORTED,
          "A keel table's timestamp to travel to must be a timestamp or a date, not " + type);
    }
    return snapshots.atTimestamp(location, millis);
  }

  @Override
  public ConnectorTableMetadata getTableMetadata(
      ConnectorSession session, ConnectorTableHandle table) {
    KeelTableHandle t = (KeelTableHandle) table;
    Snapshot s = snapshot(t);
    List<ColumnMetadata> columns = new ArrayList<>();
    for (KeelColumnHandle c : columns(s).values()) {
      columns.add(new ColumnMetadata(c.name(), c.type()));
    }
    return new ConnectorTableMetadata(
        t.schemaTableName(), columns, Map.of(), s.getMetadata().getDescription());
  }

  @Override
  public Map<String, ColumnHandle> getColumnHandles(
      ConnectorSession session, ConnectorTableHandle table) {
    return new LinkedHashMap<>(columns(snapshot((KeelTableHandle) table)));
  }

  @Override
  public ColumnMetadata getColumnMetadata(
      ConnectorSession session, ConnectorTableHandle table, ColumnHandle column) {
    KeelColumnHandle c = (KeelColumnHandle) column;
    return new ColumnMetadata(c.name(), c.type());
  }

  @Override
  public Optional<ProjectionApplicationResult<ConnectorTableHandle>> applyProjection(
      ConnectorSession session,
      ConnectorTableHandle table,
      List<ConnectorExpression> projections,
      Map<String, ColumnHandle> assignments) {
    KeelTableHandle t = (KeelTableHandle) table;
    List<KeelColumnHandle> read = new ArrayList<>();
    for (ColumnHandle c : assignments.values()) {
      if (!read.contains((KeelColumnHandle) c)) {
        read.add((KeelColumnHandle) c);
      }
    }
    if (t.projection().isPresent() && Set.copyOf(t.projection().get()).equals(Set.copyOf(read))) {
      return Optional.empty();
    }
    List<Assignment> out = new ArrayList<>();
    assignments.forEach(
        (variable, c) -> out.add(new Assignment(variable, c, ((KeelColumnHandle) c).type())));
    return Optional.of(
        new ProjectionApplicationResult<>(t.withProjection(read), projections, out, false));
  }

  @Override
  public Optional<LimitApplicationResult<ConnectorTableHandle>> applyLimit(
      ConnectorSession session, ConnectorTableHandle table, long limit) {
    KeelTableHandle t = (KeelTableHandle) table;
    if (t.limit().isPresent() && t.limit().getAsLong() <= limit) {
      return Optional.empty();
    }
    return Optional.of(new LimitApplicationResult<>(t.withLimit(limit), false, false));
  }

  @Override
  public Optional<ConstraintApplicationResult<ConnectorTableHandle>> applyFilter(
      ConnectorSession session, ConnectorTableHandle table, Constraint constraint) {
    KeelTableHandle t = (KeelTableHandle) table;
    TupleDomain<KeelColumnHandle> pushed =
        constraint.getSummary().transformKeys(KeelColumnHandle.class::cast);
    TupleDomain<KeelColumnHandle> combined = t.filter().intersect(pushed);
    if (combined.equals(t.filter())) {
      return Optional.empty();
    }
    // Keel prunes partitions exactly for sets of values; everything else it only uses to skip
    // files, so the engine still filters rows by it
    Set<String> partitions = Set.copyOf(snapshot(t).getPartitionColumns());
    TupleDomain<ColumnHandle> remaining =
        constraint
            .getSummary()
            .filter(
                (c, d) ->
                    !(partitions.contains(((KeelColumnHandle) c).name())
                        && KeelPredicates.isDiscrete(d)));
    return Optional.of(
        new ConstraintApplicationResult<>(
            t.withFilter(combined), remaining, constraint.getExpression(), false));
  }

  /** The table's visible columns, by Trino's (lower-case) name. */
  private Map<String, KeelColumnHandle> columns(Snapshot s) {
    Map<String, KeelColumnHandle> out = new LinkedHashMap<>();
    for (StructField f : s.getSchema().getFields()) {
      if (KeelTypes.isVisible(f.getDataType())) {
        out.put(
            f.getName().toLowerCase(Locale.ENGLISH),
            new KeelColumnHandle(f.getName(), types.toTrino(f.getDataType())));
      }
    }
    return out;
  }

  private Snapshot snapshot(KeelTableHandle t) {
    try {
      return snapshots.at(t.location(), t.version());
    } catch (KernelException e) {
      throw KeelErrorCode.fromKernel(e);
    }
  }

  /** The tables of a schema, by lower-case name: the configured ones, then the root's. */
  private Map<String, String> tables(String schema) {
    Map<String, String> out = new TreeMap<>();
    Location dir = rootSchemas().get(schema);
    if (dir != null) {
      for (Map.Entry<String, Location> e : subdirectories(dir).entrySet()) {
        if (isTable(e.getValue())) {
          out.put(e.getKey(), stripSlash(e.getValue().toString()));
        }
      }
    }
    config.tables().getOrDefault(schema, Map.of()).forEach((k, v) -> out.put(k, qualified(v)));
    return out;
  }

  private Map<String, Location> rootSchemas() {
    return config.root().map(r -> subdirectories(Location.of(qualified(r)))).orElse(Map.of());
  }

  private boolean isTable(Location dir) {
    try {
      return fs.directoryExists(dir.appendPath("_delta_log")).orElse(false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Map<String, Location> subdirectories(Location dir) {
    Map<String, Location> out = new TreeMap<>();
    try {
      for (Location sub : fs.listDirectories(dir)) {
        String path = stripSlash(sub.path());
        String name = path.substring(path.lastIndexOf('/') + 1);
        out.putIfAbsent(name.toLowerCase(Locale.ENGLISH), sub);
      }
    } catch (IOException e) {
      throw new TrinoException(
          KeelErrorCode.KEEL_TABLE_ERROR, "Cannot list the directory " + dir + ": " + e, e);
    }
    return out;
  }

  static String qualified(String path) {
    return path.startsWith("/") ? "file:" + stripSlash(path) : stripSlash(path);
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") && s.length() > 1 ? s.substring(0, s.length() - 1) : s;
  }
}
