package dev.keel.connectors.trino;

import io.trino.spi.connector.ColumnHandle;
import io.trino.spi.type.Type;

/**
 * Public only for Trino's JSON serialization between coordinator and workers; not an API.
 *
 * <p>A column of a Keel table.
 *
 * @param name the column's logical name as the table's schema has it (Trino lower-cases names it
 *     shows; Keel reads by this one)
 * @param type its Trino type
 */
public record KeelColumnHandle(String name, Type type) implements ColumnHandle {}
