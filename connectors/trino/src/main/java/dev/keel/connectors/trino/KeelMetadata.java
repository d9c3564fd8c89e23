package dev.keel.connectors.trino;

import dev.keel.kernel.AddFile;
import dev.keel.kernel.Operation;
import dev.keel.kernel.Snapshot;
import dev.keel.kernel.Table;
import dev.keel.kernel.Transaction;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.exceptions.KernelException;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import io.airlift.slice.Slice;
import io.trino.spi.StandardErrorCode;
import io.trino.spi.TrinoException;
import io.trino.spi.connector.Assignment;
import io.trino.spi.connector.ColumnHandle;
import io.trino.spi.connector.ColumnMetadata;
import io.trino.spi.connector.ConnectorInsertTableHandle;
import io.trino.spi.connector.ConnectorMergeTableHandle;
import io.trino.spi.connector.ConnectorMetadata;
import io.trino.spi.connector.ConnectorOutputMetadata;
import io.trino.spi.connector.ConnectorOutputTableHandle;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorTableHandle;
import io.trino.spi.connector.ConnectorTableLayout;
import io.trino.spi.connector.ConnectorTableMetadata;
import io.trino.spi.connector.ConnectorTableVersion;
import io.trino.spi.connector.Constraint;
import io.trino.spi.connector.ConstraintApplicationResult;
import io.trino.spi.connector.LimitApplicationResult;
import io.trino.spi.connector.PointerType;
import io.trino.spi.connector.ProjectionApplicationResult;
import io.trino.spi.connector.RetryMode;
import io.trino.spi.connector.RowChangeParadigm;
import io.trino.spi.connector.SaveMode;
import io.trino.spi.connector.SchemaTableName;
import io.trino.spi.connector.SystemTable;
import io.trino.spi.expression.ConnectorExpression;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.security.TrinoPrincipal;
import io.trino.spi.statistics.ComputedStatistics;
import io.trino.spi.statistics.TableStatistics;
import io.trino.spi.type.DateTimeEncoding;
import io.trino.spi.type.DateType;
import io.trino.spi.type.LongTimestamp;
import io.trino.spi.type.LongTimestampWithTimeZone;
import io.trino.spi.type.TimestampType;
import io.trino.spi.type.TimestampWithTimeZoneType;
import io.trino.spi.type.Type;
import io.trino.spi.type.VarcharType;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * Schemas and tables of a {@code keel} catalog, and what the engine pushes into a table scan. Every
 * table is read at the version fixed when the query resolved it, through Keel's snapshots.
 */
final class KeelMetadata implements ConnectorMetadata {
  static final String ENGINE_INFO = "Keel Trino connector";

  private final TableLocations locations;
  private final TableSnapshots snapshots;
  private final KeelTypes types;
  private final Engine engine;
  private final KeelWrites writes;
  private final KeelTransactionHandle transaction;

  KeelMetadata(
      TableLocations locations,
      TableSnapshots snapshots,
      KeelTypes types,
      Engine engine,
      KeelWrites writes,
      KeelTransactionHandle transaction) {
    this.locations = locations;
    this.snapshots = snapshots;
    this.types = types;
    this.engine = engine;
    this.writes = writes;
    this.transaction = transaction;
  }

  @Override
  public List<String> listSchemaNames(ConnectorSession session) {
    Set<String> out = new TreeSet<>(locations.configuredSchemas());
    out.addAll(locations.rootSchemas().keySet());
    return List.copyOf(out);
  }

  @Override
  public List<SchemaTableName> listTables(ConnectorSession session, Optional<String> schemaName) {
    List<SchemaTableName> out = new ArrayList<>();
    for (String schema : schemaName.map(List::of).orElseGet(() -> listSchemaNames(session))) {
      for (String table : locations.tables(schema).keySet()) {
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
    String location = locations.location(name);
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
  public Optional<SystemTable> getSystemTable(ConnectorSession session, SchemaTableName name) {
    int dollar = name.getTableName().lastIndexOf('$');
    if (dollar <= 0) {
      return Optional.empty();
    }
    String base = name.getTableName().substring(0, dollar);
    String location = locations.location(new SchemaTableName(name.getSchemaName(), base));
    if (location == null) {
      return Optional.empty();
    }
    return KeelSystemTables.of(
        engine, snapshots, name, location, name.getTableName().substring(dollar + 1));
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
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put(KeelTableProperties.LOCATION, t.location());
    if (!s.getPartitionColumns().isEmpty()) {
      properties.put(KeelTableProperties.PARTITIONED_BY, s.getPartitionColumns());
    }
    properties.putAll(KeelTableProperties.fromDelta(s.getMetadata().getConfiguration()));
    return new ConnectorTableMetadata(
        t.schemaTableName(), columns, properties, s.getMetadata().getDescription());
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
  public TableStatistics getTableStatistics(ConnectorSession session, ConnectorTableHandle table) {
    KeelTableHandle t = (KeelTableHandle) table;
    Snapshot s = snapshot(t);
    try {
      return KeelStatistics.of(engine, s, t, columns(s));
    } catch (KernelException e) {
      throw KeelErrorCode.fromKernel(e);
    }
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

  @Override
  public void createSchema(
      ConnectorSession session,
      String schemaName,
      Map<String, Object> properties,
      TrinoPrincipal owner) {
    locations.createSchema(schemaName);
  }

  @Override
  public void createTable(
      ConnectorSession session, ConnectorTableMetadata table, SaveMode saveMode) {
    if (saveMode == SaveMode.REPLACE) {
      throw cannotReplace();
    }
    String location =
        locations.newTable(table.getTable(), KeelTableProperties.location(table.getProperties()));
    if (locations.isTable(location)) {
      if (saveMode == SaveMode.IGNORE) {
        return;
      }
      throw alreadyExists(table, location);
    }
    try {
      newTable(table, location).commit(engine);
    } catch (KernelException e) {
      throw KeelErrorCode.fromKernel(e);
    }
  }

  @Override
  public ConnectorOutputTableHandle beginCreateTable(
      ConnectorSession session,
      ConnectorTableMetadata table,
      Optional<ConnectorTableLayout> layout,
      RetryMode retryMode,
      boolean replace) {
    if (replace) {
      throw cannotReplace();
    }
    String location =
        locations.newTable(table.getTable(), KeelTableProperties.location(table.getProperties()));
    if (locations.isTable(location)) {
      throw alreadyExists(table, location);
    }
    List<KeelColumnHandle> columns = new ArrayList<>();
    for (ColumnMetadata c : table.getColumns()) {
      columns.add(new KeelColumnHandle(c.getName(), c.getType()));
    }
    return startWrite(location, newTable(table, location), columns);
  }

  @Override
  public Optional<ConnectorOutputMetadata> finishCreateTable(
      ConnectorSession session,
      ConnectorOutputTableHandle handle,
      Collection<Slice> fragments,
      Collection<ComputedStatistics> computedStatistics) {
    writes.commit(((KeelWriteHandle) handle).writeId(), fragments);
    return Optional.empty();
  }

  @Override
  public ConnectorInsertTableHandle beginInsert(
      ConnectorSession session,
      ConnectorTableHandle table,
      List<ColumnHandle> columns,
      RetryMode retryMode) {
    KeelTableHandle t = (KeelTableHandle) table;
    List<KeelColumnHandle> handles = new ArrayList<>();
    columns.forEach(c -> handles.add((KeelColumnHandle) c));
    try {
      Transaction keel =
          Table.forPath(engine, t.location())
              .createTransactionBuilder(ENGINE_INFO, Operation.WRITE)
              .build(engine);
      return startWrite(t.location(), keel, handles);
    } catch (KernelException e) {
      throw KeelErrorCode.fromKernel(e);
    }
  }

  @Override
  public Optional<ConnectorOutputMetadata> finishInsert(
      ConnectorSession session,
      ConnectorInsertTableHandle handle,
      List<ConnectorTableHandle> sourceTableHandles,
      Collection<Slice> fragments,
      Collection<ComputedStatistics> computedStatistics) {
    writes.commit(((KeelWriteHandle) handle).writeId(), fragments);
    return Optional.empty();
  }

  @Override
  public RowChangeParadigm getRowChangeParadigm(
      ConnectorSession session, ConnectorTableHandle table) {
    return RowChangeParadigm.DELETE_ROW_AND_INSERT_ROW;
  }

  @Override
  public ColumnHandle getMergeRowIdColumnHandle(
      ConnectorSession session, ConnectorTableHandle table) {
    return KeelColumnHandle.rowId();
  }

  @Override
  public ConnectorMergeTableHandle beginMerge(
      ConnectorSession session,
      ConnectorTableHandle table,
      Map<Integer, Collection<ColumnHandle>> updateCaseColumns,
      RetryMode retryMode) {
    KeelTableHandle t = (KeelTableHandle) table;
    List<KeelColumnHandle> columns = new ArrayList<>(columns(snapshot(t)).values());
    try {
      // the rows were read at the handle's version: a commit after it that touches their files
      // is a conflict, which Keel detects when it commits
      Transaction keel =
          Table.forPath(engine, t.location())
              .createTransactionBuilder(
                  ENGINE_INFO, updateCaseColumns.isEmpty() ? Operation.DELETE : Operation.MERGE)
              .build(engine);
      return new KeelMergeHandle(t, startWrite(t.location(), keel, columns));
    } catch (KernelException e) {
      throw KeelErrorCode.fromKernel(e);
    }
  }

  @Override
  public void finishMerge(
      ConnectorSession session,
      ConnectorMergeTableHandle handle,
      List<ConnectorTableHandle> sourceTableHandles,
      Collection<Slice> fragments,
      Collection<ComputedStatistics> computedStatistics) {
    List<AddFile> added = new ArrayList<>();
    Map<String, long[]> deleted = new LinkedHashMap<>();
    MergeFragments.decode(fragments, added, deleted);
    writes.commit(
        ((KeelMergeHandle) handle).write().writeId(),
        added,
        t -> {
          if (!deleted.isEmpty()) {
            t.deleteRows(engine, deleted);
          }
        });
  }

  /**
   * Drops a table found under {@code keel.root} by deleting its directory (log and data files), as
   * Trino's Delta Lake connector does for managed tables. A table named in the catalog's properties
   * is refused: the catalog would still name it.
   */
  @Override
  public void dropTable(ConnectorSession session, ConnectorTableHandle tableHandle) {
    KeelTableHandle t = (KeelTableHandle) tableHandle;
    SchemaTableName name = t.schemaTableName();
    if (locations.isConfigured(name)) {
      throw new TrinoException(
          StandardErrorCode.NOT_SUPPORTED,
          "Cannot drop "
              + name
              + ": the catalog names it in keel.table."
              + name.getSchemaName()
              + "."
              + name.getTableName()
              + "; remove that property (and the table's files, if they should go)");
    }
    try {
      locations.deleteTable(t.location());
    } catch (java.io.IOException e) {
      throw new TrinoException(
          StandardErrorCode.GENERIC_INTERNAL_ERROR,
          "Failed to delete the files of " + name + " at " + t.location() + ": " + e.getMessage(),
          e);
    } finally {
      snapshots.forget(t.location());
    }
  }

  @Override
  public void setTableProperties(
      ConnectorSession session,
      ConnectorTableHandle table,
      Map<String, Optional<Object>> properties) {
    KeelTableHandle t = (KeelTableHandle) table;
    for (String fixed : List.of(KeelTableProperties.PARTITIONED_BY, KeelTableProperties.LOCATION)) {
      if (properties.containsKey(fixed)) {
        throw new TrinoException(
            StandardErrorCode.NOT_SUPPORTED,
            "The " + fixed + " of a Delta table is fixed when the table is created");
      }
    }
    if (properties.values().stream().anyMatch(Optional::isEmpty)) {
      throw new TrinoException(
          StandardErrorCode.NOT_SUPPORTED,
          "Delta table properties cannot be reset to their defaults (SET PROPERTIES x = DEFAULT); set"
              + " a value instead");
    }
    Map<String, String> delta = KeelTableProperties.deltaProperties(properties);
    try {
      Transaction change =
          Table.forPath(engine, t.location())
              .createTransactionBuilder(ENGINE_INFO, Operation.SET_TABLE_PROPERTIES)
              .withTableProperties(delta)
              .build(engine);
      change.commit(engine);
    } catch (KernelException e) {
      throw KeelErrorCode.fromKernel(e);
    }
  }

  private KeelWriteHandle startWrite(
      String location, Transaction keel, List<KeelColumnHandle> columns) {
    String id = writes.start(transaction, keel);
    return new KeelWriteHandle(location, keel.getState().toJson(), columns, id);
  }

  /** A Keel transaction creating the table (not committed). */
  private Transaction newTable(ConnectorTableMetadata table, String location) {
    List<StructField> fields = new ArrayList<>();
    for (ColumnMetadata c : table.getColumns()) {
      if (!c.isHidden()) {
        fields.add(new StructField(c.getName(), KeelTypes.toKeel(c.getType()), c.isNullable()));
      }
    }
    StructType schema = new StructType(fields);
    List<String> partitions = KeelTableProperties.partitionedBy(table.getProperties());
    for (String p : partitions) {
      if (schema.get(p).isEmpty()) {
        throw new TrinoException(
            StandardErrorCode.INVALID_TABLE_PROPERTY,
            "Partition column " + p + " is not a column of the table: " + schema.fieldNames());
      }
    }
    try {
      return Table.forPath(engine, location)
          .createTransactionBuilder(ENGINE_INFO, Operation.CREATE_TABLE)
          .withSchema(schema)
          .withPartitionColumns(partitions)
          .withTableProperties(KeelTableProperties.deltaProperties(table.getProperties()))
          .build(engine);
    } catch (KernelException e) {
      throw KeelErrorCode.fromKernel(e);
    }
  }

  private static TrinoException cannotReplace() {
    return new TrinoException(
        StandardErrorCode.NOT_SUPPORTED, "Keel's Trino connector cannot replace tables yet");
  }

  private static TrinoException alreadyExists(ConnectorTableMetadata table, String location) {
    return new TrinoException(
        StandardErrorCode.ALREADY_EXISTS,
        "Table " + table.getTable() + " already exists: there is a Delta table at " + location);
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
}
