package dev.keel.connectors.sharing.read;

import dev.keel.kernel.ScanFile;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.MapValue;
import dev.keel.kernel.data.Row;
import dev.keel.kernel.types.StructType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A file action of the log (an {@code add}, {@code remove} or {@code cdc}), read out of its row
 * while the batch is open, with what the response needs: its URL-decoded location, its stable
 * {@code id}, and the commit it came from.
 */
final class FileAction {
  enum Kind {
    ADD,
    REMOVE,
    CDC
  }

  final Kind kind;
  final String rawPath;
  final String absolutePath;
  final Map<String, String> partitionValues;
  final long size;
  final String stats;
  final Long modificationTime;
  final boolean dataChange;
  final Map<String, Object> deletionVector;
  final String deletionVectorPath;
  final Long baseRowId;
  final Long defaultRowCommitVersion;
  final Long deletionTimestamp;
  final Long version;

  /** The commit time; set once the commit's {@code commitInfo} is read. */
  Long timestamp;

  private FileAction(
      Kind kind, Row row, String tablePath, StructType schema, Long version, Long timestamp) {
    this.kind = kind;
    this.rawPath = row.getString(schema.indexOf("path"));
    this.absolutePath = ScanFile.resolvePath(tablePath, rawPath);
    this.partitionValues = stringMap(row, schema.indexOf("partitionValues"));
    int sizeAt = schema.indexOf("size");
    this.size = row.isNullAt(sizeAt) ? 0 : row.getLong(sizeAt);
    this.stats = string(row, schema.indexOf("stats"));
    this.modificationTime = longValue(row, schema.indexOf("modificationTime"));
    int dc = schema.indexOf("dataChange");
    this.dataChange = dc >= 0 && !row.isNullAt(dc) && row.getBoolean(dc);
    int dvAt = schema.indexOf("deletionVector");
    if (dvAt >= 0 && !row.isNullAt(dvAt)) {
      Row dv = row.getStruct(dvAt);
      Map<String, Object> d = new LinkedHashMap<>();
      StructType dvSchema = ScanFile.DELETION_VECTOR_SCHEMA;
      for (int i = 0; i < dvSchema.length(); i++) {
        if (!dv.isNullAt(i)) {
          Object v =
              switch (dvSchema.at(i).getName()) {
                case "offset", "sizeInBytes" -> dv.getInt(i);
                case "cardinality", "maxRowIndex" -> dv.getLong(i);
                default -> dv.getString(i);
              };
          d.put(dvSchema.at(i).getName(), v);
        }
      }
      this.deletionVector = d;
      this.deletionVectorPath = ScanFile.resolveDeletionVectorPath(tablePath, dv).orElse(null);
    } else {
      this.deletionVector = null;
      this.deletionVectorPath = null;
    }
    this.baseRowId = longValue(row, schema.indexOf("baseRowId"));
    this.defaultRowCommitVersion = longValue(row, schema.indexOf("defaultRowCommitVersion"));
    this.deletionTimestamp = longValue(row, schema.indexOf("deletionTimestamp"));
    this.version = version;
    this.timestamp = timestamp;
  }

  /**
   * @param row a row of the action's schema ({@code ScanFile.SCHEMA} for {@code add})
   * @param schema the row's schema
   * @param version the commit, or null for a snapshot's file
   * @param timestamp the commit's time, or null
   */
  static FileAction of(
      Kind kind, Row row, String tablePath, StructType schema, Long version, Long timestamp) {
    return new FileAction(kind, row, tablePath, schema, version, timestamp);
  }

  /** The row count the file contributes, if its statistics say (minus deleted rows). */
  long numRecordsOr(long absent) {
    if (stats == null) {
      return absent;
    }
    int at = stats.indexOf("\"numRecords\":");
    if (at < 0) {
      return absent;
    }
    int start = at + "\"numRecords\":".length();
    int end = start;
    while (end < stats.length() && Character.isDigit(stats.charAt(end))) {
      end++;
    }
    if (end == start) {
      return absent;
    }
    long n = Long.parseLong(stats.substring(start, end));
    Object card = deletionVector == null ? null : deletionVector.get("cardinality");
    return card instanceof Long c ? n - c : n;
  }

  /** A stable id: the same file has the same id in every response, across restarts. */
  String id() {
    MessageDigest sha = SHA256.get();
    sha.reset();
    byte[] d = sha.digest(rawPath.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(d, 0, 16);
  }

  /** A digest per thread: {@code MessageDigest.getInstance} looks the provider up each call. */
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("SHA-256 is not available in this JVM", e);
            }
          });

  private static String string(Row row, int at) {
    return at < 0 || row.isNullAt(at) ? null : row.getString(at);
  }

  private static Long longValue(Row row, int at) {
    return at < 0 || row.isNullAt(at) ? null : row.getLong(at);
  }

  static Map<String, String> stringMap(Row row, int at) {
    Map<String, String> out = new LinkedHashMap<>();
    if (at < 0 || row.isNullAt(at)) {
      return out;
    }
    MapValue m = row.getMap(at);
    ColumnVector keys = m.getKeys();
    ColumnVector values = m.getValues();
    for (int i = 0; i < m.getSize(); i++) {
      out.put(keys.getString(i), values.isNullAt(i) ? null : values.getString(i));
    }
    return out;
  }
}
