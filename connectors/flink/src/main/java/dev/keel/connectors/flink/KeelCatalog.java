package dev.keel.connectors.flink;

import dev.keel.kernel.Snapshot;
import dev.keel.kernel.Table;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.exceptions.ConcurrentWriteException;
import dev.keel.kernel.exceptions.TableNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.catalog.AbstractCatalog;
import org.apache.flink.table.catalog.CatalogBaseTable;
import org.apache.flink.table.catalog.CatalogDatabase;
import org.apache.flink.table.catalog.CatalogDatabaseImpl;
import org.apache.flink.table.catalog.CatalogFunction;
import org.apache.flink.table.catalog.CatalogPartition;
import org.apache.flink.table.catalog.CatalogPartitionSpec;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.catalog.ResolvedCatalogTable;
import org.apache.flink.table.catalog.exceptions.CatalogException;
import org.apache.flink.table.catalog.exceptions.DatabaseNotExistException;
import org.apache.flink.table.catalog.exceptions.FunctionNotExistException;
import org.apache.flink.table.catalog.exceptions.PartitionNotExistException;
import org.apache.flink.table.catalog.exceptions.TableAlreadyExistException;
import org.apache.flink.table.catalog.exceptions.TableNotExistException;
import org.apache.flink.table.catalog.stats.CatalogColumnStatistics;
import org.apache.flink.table.catalog.stats.CatalogTableStatistics;
import org.apache.flink.table.expressions.Expression;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.utils.TypeConversions;

/**
 * A Flink catalog of the Delta tables under one directory: each subdirectory with a {@code
 * _delta_log} is a table of the catalog's one database, its columns and partition columns read from
 * the table, so queries need no {@code CREATE TABLE} with the columns spelled out.
 *
 * <pre>{@code
 * CREATE CATALOG lake WITH ('type' = 'keel', 'root' = 's3://lake');
 * SELECT * FROM lake.`default`.events WHERE id > 100;
 * CREATE TABLE lake.`default`.copy (id BIGINT, kind STRING) PARTITIONED BY (kind);
 * }</pre>
 *
 * <p>{@code CREATE TABLE} creates the Delta table (empty; {@code delta.*} options become table
 * properties); {@code DROP TABLE}, {@code ALTER TABLE}, partitions as catalog objects, functions
 * and statistics are not supported. Tables are listed with Flink's file systems ({@code SHOW
 * TABLES}); reading and writing go through Keel's default engine.
 */
public final class KeelCatalog extends AbstractCatalog {
  private final String root;
  private final Map<String, String> fileSystemOptions;

  /**
   * @param name the catalog's name
   * @param defaultDatabase the name of its one database
   * @param root the directory whose subdirectories are the tables
   * @param fileSystemOptions Keel's file system options for the tables
   */
  public KeelCatalog(
      String name, String defaultDatabase, String root, Map<String, String> fileSystemOptions) {
    super(name, defaultDatabase);
    this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    this.fileSystemOptions = new LinkedHashMap<>(fileSystemOptions);
  }

  @Override
  public void open() {}

  @Override
  public void close() {}

  private String tablePath(ObjectPath path) {
    return root + "/" + path.getObjectName();
  }

  private DefaultEngine engine() {
    return new EngineOptions(fileSystemOptions).newEngine();
  }

  private void checkDatabase(String database) throws DatabaseNotExistException {
    if (!databaseExists(database)) {
      throw new DatabaseNotExistException(getName(), database);
    }
  }

  // --- databases: one, the root directory ---

  @Override
  public List<String> listDatabases() {
    return List.of(getDefaultDatabase());
  }

  @Override
  public CatalogDatabase getDatabase(String databaseName) throws DatabaseNotExistException {
    checkDatabase(databaseName);
    return new CatalogDatabaseImpl(Map.of("root", root), "The Delta tables under " + root);
  }

  @Override
  public boolean databaseExists(String databaseName) {
    return getDefaultDatabase().equals(databaseName);
  }

  @Override
  public void createDatabase(String name, CatalogDatabase database, boolean ignoreIfExists) {
    throw oneDatabase();
  }

  @Override
  public void dropDatabase(String name, boolean ignoreIfNotExists, boolean cascade) {
    throw oneDatabase();
  }

  @Override
  public void alterDatabase(String name, CatalogDatabase newDatabase, boolean ignoreIfNotExists) {
    throw oneDatabase();
  }

  private CatalogException oneDatabase() {
    return new CatalogException(
        "Keel's catalog "
            + getName()
            + " has one database, "
            + getDefaultDatabase()
            + ", whose tables are the Delta tables under "
            + root);
  }

  // --- tables ---

  @Override
  public List<String> listTables(String databaseName) throws DatabaseNotExistException {
    checkDatabase(databaseName);
    List<String> tables = new ArrayList<>();
    try {
      org.apache.flink.core.fs.Path dir = new org.apache.flink.core.fs.Path(root);
      FileSystem fs = dir.getFileSystem();
      FileStatus[] entries = fs.listStatus(dir);
      if (entries == null) {
        return tables;
      }
      for (FileStatus entry : entries) {
        if (entry.isDir()
            && fs.exists(new org.apache.flink.core.fs.Path(entry.getPath(), "_delta_log"))) {
          tables.add(entry.getPath().getName());
        }
      }
    } catch (IOException e) {
      throw new CatalogException("Cannot list the tables under " + root + ": " + e.getMessage(), e);
    }
    tables.sort(null);
    return tables;
  }

  @Override
  public List<String> listViews(String databaseName) throws DatabaseNotExistException {
    checkDatabase(databaseName);
    return List.of();
  }

  @Override
  public CatalogBaseTable getTable(ObjectPath path) throws TableNotExistException {
    if (!databaseExists(path.getDatabaseName())) {
      throw new TableNotExistException(getName(), path);
    }
    Snapshot snapshot;
    try (DefaultEngine engine = engine()) {
      snapshot = Table.forPath(engine, tablePath(path)).getLatestSnapshot(engine);
    } catch (TableNotFoundException e) {
      throw new TableNotExistException(getName(), path, e);
    }
    RowType rowType = RowDataConverter.rowType(snapshot.getSchema());
    Map<String, String> options = new LinkedHashMap<>();
    options.put("connector", KeelTableFactory.IDENTIFIER);
    options.put(KeelTableFactory.PATH.key(), tablePath(path));
    fileSystemOptions.forEach((k, v) -> options.put("fs." + k, v));
    return CatalogTable.newBuilder()
        .schema(
            Schema.newBuilder()
                .fromRowDataType(TypeConversions.fromLogicalToDataType(rowType))
                .build())
        .partitionKeys(snapshot.getPartitionColumns())
        .comment(snapshot.getMetadata().getDescription().orElse(null))
        .options(options)
        .build();
  }

  @Override
  public boolean tableExists(ObjectPath path) {
    try {
      getTable(path);
      return true;
    } catch (TableNotExistException e) {
      return false;
    }
  }

  @Override
  public void createTable(ObjectPath path, CatalogBaseTable table, boolean ignoreIfExists)
      throws TableAlreadyExistException, DatabaseNotExistException {
    checkDatabase(path.getDatabaseName());
    if (!(table instanceof ResolvedCatalogTable resolved)) {
      throw new CatalogException(
          "Keel's catalog holds tables, not " + table.getTableKind().name().toLowerCase());
    }
    RowType rowType =
        (RowType) resolved.getResolvedSchema().toPhysicalRowDataType().getLogicalType();
    Map<String, String> properties = new LinkedHashMap<>();
    table
        .getOptions()
        .forEach(
            (k, v) -> {
              if (k.startsWith("delta.")) {
                properties.put(k, v);
              } else {
                throw new CatalogException(
                    "A table of Keel's catalog takes only delta.* options (table properties), not '"
                        + k
                        + "'");
              }
            });
    try (DefaultEngine engine = engine()) {
      KeelSink.createTable(
          engine,
          Table.forPath(engine, tablePath(path)),
          rowType,
          resolved.getPartitionKeys(),
          properties);
    } catch (ConcurrentWriteException e) {
      if (!ignoreIfExists) {
        throw new TableAlreadyExistException(getName(), path, e);
      }
    }
  }

  @Override
  public void dropTable(ObjectPath path, boolean ignoreIfNotExists) {
    throw unsupported("DROP TABLE", "its data stays; remove the directory " + tablePath(path));
  }

  @Override
  public void renameTable(ObjectPath path, String newName, boolean ignoreIfNotExists) {
    throw unsupported("RENAME TABLE", "a table's name is its directory");
  }

  @Override
  public void alterTable(ObjectPath path, CatalogBaseTable table, boolean ignoreIfNotExists) {
    throw unsupported("ALTER TABLE", "change the table with Keel (keel CLI or Transaction)");
  }

  private CatalogException unsupported(String what, String why) {
    return new CatalogException("Keel's catalog does not support " + what + ": " + why);
  }

  // --- partitions, functions, statistics: not catalog objects here ---

  @Override
  public List<CatalogPartitionSpec> listPartitions(ObjectPath path) {
    return List.of();
  }

  @Override
  public List<CatalogPartitionSpec> listPartitions(ObjectPath path, CatalogPartitionSpec spec) {
    return List.of();
  }

  @Override
  public List<CatalogPartitionSpec> listPartitionsByFilter(
      ObjectPath path, List<Expression> filters) {
    return List.of();
  }

  @Override
  public CatalogPartition getPartition(ObjectPath path, CatalogPartitionSpec spec)
      throws PartitionNotExistException {
    throw new PartitionNotExistException(getName(), path, spec);
  }

  @Override
  public boolean partitionExists(ObjectPath path, CatalogPartitionSpec spec) {
    return false;
  }

  @Override
  public void createPartition(
      ObjectPath path, CatalogPartitionSpec spec, CatalogPartition partition, boolean ignore) {
    throw unsupported("CREATE PARTITION", "partitions exist as rows are written to them");
  }

  @Override
  public void dropPartition(ObjectPath path, CatalogPartitionSpec spec, boolean ignore) {
    throw unsupported("DROP PARTITION", "delete the rows with Keel");
  }

  @Override
  public void alterPartition(
      ObjectPath path, CatalogPartitionSpec spec, CatalogPartition partition, boolean ignore) {
    throw unsupported("ALTER PARTITION", "partitions are not catalog objects");
  }

  @Override
  public List<String> listFunctions(String databaseName) {
    return List.of();
  }

  @Override
  public CatalogFunction getFunction(ObjectPath path) throws FunctionNotExistException {
    throw new FunctionNotExistException(getName(), path);
  }

  @Override
  public boolean functionExists(ObjectPath path) {
    return false;
  }

  @Override
  public void createFunction(ObjectPath path, CatalogFunction function, boolean ignore) {
    throw unsupported("CREATE FUNCTION", "it holds Delta tables only");
  }

  @Override
  public void alterFunction(ObjectPath path, CatalogFunction function, boolean ignore) {
    throw unsupported("ALTER FUNCTION", "it holds Delta tables only");
  }

  @Override
  public void dropFunction(ObjectPath path, boolean ignore) {
    throw unsupported("DROP FUNCTION", "it holds Delta tables only");
  }

  @Override
  public CatalogTableStatistics getTableStatistics(ObjectPath path) {
    return CatalogTableStatistics.UNKNOWN;
  }

  @Override
  public CatalogColumnStatistics getTableColumnStatistics(ObjectPath path) {
    return CatalogColumnStatistics.UNKNOWN;
  }

  @Override
  public CatalogTableStatistics getPartitionStatistics(ObjectPath path, CatalogPartitionSpec spec) {
    return CatalogTableStatistics.UNKNOWN;
  }

  @Override
  public CatalogColumnStatistics getPartitionColumnStatistics(
      ObjectPath path, CatalogPartitionSpec spec) {
    return CatalogColumnStatistics.UNKNOWN;
  }

  @Override
  public void alterTableStatistics(
      ObjectPath path, CatalogTableStatistics statistics, boolean ignore) {
    throw unsupported("table statistics", "Keel keeps statistics per data file");
  }

  @Override
  public void alterTableColumnStatistics(
      ObjectPath path, CatalogColumnStatistics statistics, boolean ignore) {
    throw unsupported("table statistics", "Keel keeps statistics per data file");
  }

  @Override
  public void alterPartitionStatistics(
      ObjectPath path,
      CatalogPartitionSpec spec,
      CatalogTableStatistics statistics,
      boolean ignore) {
    throw unsupported("partition statistics", "Keel keeps statistics per data file");
  }

  @Override
  public void alterPartitionColumnStatistics(
      ObjectPath path,
      CatalogPartitionSpec spec,
      CatalogColumnStatistics statistics,
      boolean ignore) {
    throw unsupported("partition statistics", "Keel keeps statistics per data file");
  }
}
