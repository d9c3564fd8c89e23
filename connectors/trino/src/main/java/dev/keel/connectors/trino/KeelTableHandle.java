package dev.keel.connectors.trino;

import io.trino.spi.connector.ConnectorTableHandle;
import io.trino.spi.connector.SchemaTableName;
import io.trino.spi.predicate.TupleDomain;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Public only for Trino's JSON serialization between coordinator and workers; not an API.
 *
 * <p>A Delta table at one version, with what the engine pushed into it.
 *
 * @param schemaName Trino's schema
 * @param tableName Trino's table name
 * @param location the table's path, as Keel takes it
 * @param version the snapshot version the query reads (fixed when the query is planned)
 * @param projection the columns the query reads, when the engine told (applyProjection)
 * @param limit at most this many rows are needed (applyLimit); splits stop when it is reached
 * @param filter the domains the engine pushed (applyFilter), for Keel's pruning and skipping
 */
public record KeelTableHandle(
    String schemaName,
    String tableName,
    String location,
    long version,
    Optional<List<KeelColumnHandle>> projection,
    OptionalLong limit,
    TupleDomain<KeelColumnHandle> filter)
    implements ConnectorTableHandle {

  SchemaTableName schemaTableName() {
    return new SchemaTableName(schemaName, tableName);
  }

  KeelTableHandle withProjection(List<KeelColumnHandle> columns) {
    return new KeelTableHandle(
        schemaName, tableName, location, version, Optional.of(columns), limit, filter);
  }

  KeelTableHandle withLimit(long rows) {
    return new KeelTableHandle(
        schemaName, tableName, location, version, projection, OptionalLong.of(rows), filter);
  }

  KeelTableHandle withoutProjection() {
    return new KeelTableHandle(
        schemaName, tableName, location, version, Optional.empty(), limit, filter);
  }

  KeelTableHandle withFilter(TupleDomain<KeelColumnHandle> domains) {
    return new KeelTableHandle(
        schemaName, tableName, location, version, projection, limit, domains);
  }
}
