package dev.keel.connectors.trino;

import io.trino.filesystem.Location;
import io.trino.filesystem.TrinoFileSystem;
import io.trino.spi.StandardErrorCode;
import io.trino.spi.TrinoException;
import io.trino.spi.connector.SchemaTableName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where a {@code keel} catalog's schemas and tables are: the tables named in the configuration, and
 * the directories under {@code keel.root} (schemas are its subdirectories, tables their
 * subdirectories holding a {@code _delta_log}). Names are Trino's, in lower case.
 */
final class TableLocations {
  private final KeelConfig config;
  private final TrinoFileSystem fs;

  TableLocations(KeelConfig config, TrinoFileSystem fs) {
    this.config = config;
    this.fs = fs;
  }

  /** The schemas that configured tables name. */
  Set<String> configuredSchemas() {
    return config.tables().keySet();
  }

  /** The schema directories under the root, by name. */
  Map<String, Location> rootSchemas() {
    return config.root().map(r -> subdirectories(Location.of(qualified(r)))).orElse(Map.of());
  }

  /** The location of a table this catalog knows, or null. */
  String location(SchemaTableName name) {
    return tables(name.getSchemaName()).get(name.getTableName());
  }

  /** The tables of a schema, by name: the root's, then the configured ones. */
  Map<String, String> tables(String schema) {
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

  /** Whether a table is named in the catalog's properties ({@code keel.table.<schema>.<table>}). */
  boolean isConfigured(SchemaTableName name) {
    return config
        .tables()
        .getOrDefault(name.getSchemaName(), Map.of())
        .containsKey(name.getTableName());
  }

  /**
   * Deletes a table's directory with everything in it (its log and data files).
   *
   * @throws IOException if the file system fails; part of the table may be gone
   */
  void deleteTable(String location) throws java.io.IOException {
    fs.deleteDirectory(Location.of(location));
  }

  /** Whether a Delta table is at {@code location}. */
  boolean isTable(String location) {
    return isTable(Location.of(location));
  }

  /** Whether the directory holds a Delta log (on object stores: any object under its prefix). */
  private boolean isTable(Location dir) {
    Location log = dir.appendPath("_delta_log");
    try {
      Optional<Boolean> exists = fs.directoryExists(log);
      return exists.isPresent() ? exists.get() : fs.listFiles(log).hasNext();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Where to create a table: the {@code location} given, or its directory in its schema's under the
   * root.
   *
   * @throws TrinoException {@code INVALID_TABLE_PROPERTY} when neither says where
   */
  String newTable(SchemaTableName name, Optional<String> given) {
    if (given.isPresent()) {
      return qualified(given.get());
    }
    Location schemaDir = rootSchemas().get(name.getSchemaName());
    if (schemaDir == null && config.root().isPresent() && isObjectStore(config.root().get())) {
      // an object store has no empty directories: a schema exists once a table is in it
      schemaDir = Location.of(qualified(config.root().get())).appendPath(name.getSchemaName());
    }
    if (schemaDir == null) {
      throw new TrinoException(
          StandardErrorCode.INVALID_TABLE_PROPERTY,
          "Cannot choose where to create "
              + name
              + ": the catalog has no directory of schema "
              + name.getSchemaName()
              + " under keel.root. Give the table a location: WITH (location = '...')");
    }
    return stripSlash(schemaDir.appendPath(name.getTableName()).toString());
  }

  /**
   * Creates a schema's directory under the root.
   *
   * @throws TrinoException without a root, or if the directory cannot be made
   */
  void createSchema(String schemaName) {
    String root =
        config
            .root()
            .orElseThrow(
                () ->
                    new TrinoException(
                        StandardErrorCode.NOT_SUPPORTED,
                        "A keel catalog without keel.root has no directory to create schemas in"));
    try {
      fs.createDirectory(Location.of(qualified(root)).appendPath(schemaName));
    } catch (IOException e) {
      throw new TrinoException(
          KeelErrorCode.KEEL_TABLE_ERROR,
          "Cannot create the directory of schema " + schemaName + " under " + root + ": " + e,
          e);
    }
  }

  /** Whether the file system cannot tell whether a directory exists (S3, GCS, ...). */
  private boolean isObjectStore(String path) {
    try {
      return fs.directoryExists(Location.of(qualified(path))).isEmpty();
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

  /** A local path as a {@code file:} URI; no trailing slash. */
  static String qualified(String path) {
    return path.startsWith("/") ? "file:" + stripSlash(path) : stripSlash(path);
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") && s.length() > 1 ? s.substring(0, s.length() - 1) : s;
  }
}
