package dev.keel.connectors.trino;

import io.trino.spi.TrinoException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code keel} catalog's properties.
 *
 * <ul>
 *   <li>{@code keel.root}: a directory (a local path or a URI) whose subdirectories are schemas and
 *       whose schemas' subdirectories with a {@code _delta_log} are tables;
 *   <li>{@code keel.table.<schema>.<table>}: the location of one named table (any number of them;
 *       the schema is the part up to the first dot);
 *   <li>{@code keel.snapshot-cache-entries}: how many tables' latest snapshots are kept between
 *       queries (default 64);
 *   <li>{@code keel.max-split-size}: data files larger than this are read in parts of this size by
 *       several workers (a data size such as {@code 64MB}, the default).
 * </ul>
 *
 * @param root the root directory, if any
 * @param tables named tables by schema, then by table name
 * @param snapshotCacheEntries tables whose snapshots are cached
 * @param maxSplitSize bytes of a data file one split reads at most
 */
record KeelConfig(
    Optional<String> root,
    Map<String, Map<String, String>> tables,
    int snapshotCacheEntries,
    long maxSplitSize) {
  static final String ROOT = "keel.root";
  static final String TABLE_PREFIX = "keel.table.";
  static final String CACHE_ENTRIES = "keel.snapshot-cache-entries";
  static final String MAX_SPLIT_SIZE = "keel.max-split-size";

  /**
   * @throws TrinoException {@code KEEL_CONFIG_ERROR} naming an unknown or malformed property
   */
  static KeelConfig parse(Map<String, String> properties) {
    Optional<String> root = Optional.empty();
    Map<String, Map<String, String>> tables = new TreeMap<>();
    int cacheEntries = 64;
    long maxSplitSize = 64L << 20;
    for (Map.Entry<String, String> e : new TreeMap<>(properties).entrySet()) {
      String key = e.getKey();
      if (key.equals(ROOT)) {
        root = Optional.of(e.getValue());
      } else if (key.equals(CACHE_ENTRIES)) {
        try {
          cacheEntries = Integer.parseInt(e.getValue().trim());
        } catch (NumberFormatException bad) {
          throw error(key + " must be a whole number, not '" + e.getValue() + "'");
        }
      } else if (key.equals(MAX_SPLIT_SIZE)) {
        try {
          maxSplitSize = io.airlift.units.DataSize.valueOf(e.getValue().trim()).toBytes();
        } catch (IllegalArgumentException bad) {
          throw error(key + " must be a data size such as 64MB, not '" + e.getValue() + "'");
        }
        if (maxSplitSize <= 0) {
          throw error(key + " must be positive, not '" + e.getValue() + "'");
        }
      } else if (key.startsWith(TABLE_PREFIX)) {
        String name = key.substring(TABLE_PREFIX.length());
        int dot = name.indexOf('.');
        if (dot <= 0 || dot == name.length() - 1) {
          throw error("Property " + key + " must be named " + TABLE_PREFIX + "<schema>.<table>");
        }
        tables
            .computeIfAbsent(
                name.substring(0, dot).toLowerCase(java.util.Locale.ROOT), s -> new TreeMap<>())
            .put(name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT), e.getValue());
      } else {
        throw error(
            "Unknown property "
                + key
                + " of a keel catalog: Keel's properties are "
                + ROOT
                + ", "
                + TABLE_PREFIX
                + "<schema>.<table>, "
                + CACHE_ENTRIES
                + " and "
                + MAX_SPLIT_SIZE);
      }
    }
    if (root.isEmpty() && tables.isEmpty()) {
      throw error(
          "A keel catalog needs " + ROOT + " or at least one " + TABLE_PREFIX + "<schema>.<table>");
    }
    return new KeelConfig(root, tables, cacheEntries, maxSplitSize);
  }

  private static TrinoException error(String message) {
    return new TrinoException(KeelErrorCode.KEEL_CONFIG_ERROR, message);
  }
}
