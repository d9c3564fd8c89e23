package dev.keel.kernel.internal.txn;

import dev.keel.kernel.AddFile;
import dev.keel.kernel.Protocol;
import dev.keel.kernel.TableProperties;
import dev.keel.kernel.engine.MetadataColumns;
import dev.keel.kernel.exceptions.KernelException;
import dev.keel.kernel.internal.util.Json;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.StructField;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fresh row ids and row commit versions for the files a commit adds to a table with the {@code
 * rowTracking} feature (PROTOCOL.md, "Row Tracking"): each add gets a {@code baseRowId} above the
 * table's high-water mark, consecutive by the files' record counts, and {@code
 * defaultRowCommitVersion} = the commit's version; the commit records the new high-water mark in
 * the {@code delta.rowTracking} domain. Files re-added with a deletion vector keep theirs; rows
 * copied into new files keep theirs through the table's materialized row tracking columns ({@link
 * #materializedColumns}).
 */
final class RowIds {
  private RowIds() {}

  static final String DOMAIN = "delta.rowTracking";
  private static final String KEY = "rowIdHighWaterMark";

  static boolean isSupported(Protocol protocol) {
    return protocol.getWriterFeatures().contains("rowTracking");
  }

  /** What a rewrite reads beside the data columns to keep each row's id and commit version. */
  static final List<StructField> READ_COLUMNS =
      List.of(MetadataColumns.ROW_ID, MetadataColumns.ROW_COMMIT_VERSION);

  /**
   * The physical columns in which rows copied into a new file keep their row id and row commit
   * version (PROTOCOL.md, "Row Tracking", materialized row ids): written in the order of {@link
   * #READ_COLUMNS}, taking precedence over the new file's {@code baseRowId} and {@code
   * defaultRowCommitVersion} when the file is read.
   *
   * @return the two columns, or an empty list when the table does not track row ids or its
   *     configuration names no materialized columns (then copied rows get fresh ids)
   */
  static List<StructField> materializedColumns(Protocol protocol, Map<String, String> config) {
    String rowId = config.get(TableProperties.MATERIALIZED_ROW_ID_COLUMN_NAME);
    String commitVersion = config.get(TableProperties.MATERIALIZED_ROW_COMMIT_VERSION_COLUMN_NAME);
    if (!isSupported(protocol) || rowId == null || commitVersion == null) {
      return List.of();
    }
    return List.of(
        new StructField(rowId, DataTypes.LONG, true),
        new StructField(commitVersion, DataTypes.LONG, true));
  }

  /**
   * @return the high-water mark a {@code delta.rowTracking} configuration records, -1 when none
   */
  static long highWaterMark(Optional<String> domainConfiguration) {
    if (domainConfiguration.isEmpty()) {
      return -1;
    }
    Object parsed = Json.parse(domainConfiguration.get());
    Object v = parsed instanceof Map ? ((Map<?, ?>) parsed).get(KEY) : null;
    return v instanceof Number ? ((Number) v).longValue() : -1;
  }

  /**
   * @return the add action lines with row ids, then the {@code domainMetadata} line with the new
   *     high-water mark (nothing when there are no adds)
   * @throws KernelException if an add's statistics do not give its number of records
   */
  static List<String> assign(String table, List<AddFile> adds, long highWaterMark, long version) {
    List<String> out = new ArrayList<>();
    long next = highWaterMark + 1;
    for (AddFile a : adds) {
      @SuppressWarnings("unchecked")
      Map<String, Object> add = (Map<String, Object>) Json.parse(a.toJson());
      add.put("baseRowId", next);
      add.put("defaultRowCommitVersion", version);
      out.add(Json.toJson(Map.of("add", add)));
      next += numRecords(table, a);
    }
    if (!adds.isEmpty()) {
      out.add(ActionJson.domainMetadata(DOMAIN, Json.toJson(Map.of(KEY, next - 1))));
    }
    return out;
  }

  private static long numRecords(String table, AddFile a) {
    Object stats = a.getStats().map(Json::parse).orElse(null);
    Object n = stats instanceof Map ? ((Map<?, ?>) stats).get("numRecords") : null;
    if (!(n instanceof Number)) {
      throw new KernelException(
          "Cannot commit "
              + a.getPath()
              + " to `"
              + table
              + "`: the table tracks row ids, which needs"
              + " each new file's record count, and its statistics have no numRecords. Write the file with"
              + " TransactionState.writeFiles, which records it.");
    }
    return ((Number) n).longValue();
  }
}
