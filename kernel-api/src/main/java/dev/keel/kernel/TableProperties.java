package dev.keel.kernel;

import static java.util.Objects.requireNonNull;

import dev.keel.kernel.annotations.Evolving;
import dev.keel.kernel.exceptions.InvalidExpressionException;
import dev.keel.kernel.internal.Errors;
import dev.keel.kernel.internal.snapshot.Intervals;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code delta.*} table properties Keel reads or writes ({@code metaData.configuration}), by
 * key, with typed getters. Getters are lenient, as a reader must be with tables other writers made:
 * a value that does not parse reads as the property's default. {@link #validate} is strict, and is
 * what writers run on the values they are asked to set.
 *
 * <pre>{@code
 * TableProperties props = TableProperties.of(snapshot.getProperties());
 * if (props.isAppendOnly()) { ... }
 * }</pre>
 */
@Evolving
public final class TableProperties {
  /** Rejects deletes and updates ({@code true}/{@code false}). */
  public static final String APPEND_ONLY = "delta.appendOnly";

  /** Commits between checkpoints; default 10. */
  public static final String CHECKPOINT_INTERVAL = "delta.checkpointInterval";

  /** {@code classic} (default) or {@code v2} checkpoints. */
  public static final String CHECKPOINT_POLICY = "delta.checkpointPolicy";

  /** Whether checkpoints keep statistics as JSON; default true. */
  public static final String CHECKPOINT_WRITE_STATS_AS_JSON = "delta.checkpoint.writeStatsAsJson";

  /** Whether checkpoints keep statistics as a struct ({@code stats_parsed}); default false. */
  public static final String CHECKPOINT_WRITE_STATS_AS_STRUCT =
      "delta.checkpoint.writeStatsAsStruct";

  /** {@code none} (default), {@code name} or {@code id}. */
  public static final String COLUMN_MAPPING_MODE = "delta.columnMapping.mode";

  /** The largest column id a column-mapping table has given out. */
  public static final String COLUMN_MAPPING_MAX_COLUMN_ID = "delta.columnMapping.maxColumnId";

  /** How many leading columns get statistics; default 32, -1 for all. */
  public static final String DATA_SKIPPING_NUM_INDEXED_COLS = "delta.dataSkippingNumIndexedCols";

  /** How long removed files are kept for readers of older versions; default one week. */
  public static final String DELETED_FILE_RETENTION_DURATION = "delta.deletedFileRetentionDuration";

  /** Whether writes record change data; default false. */
  public static final String ENABLE_CHANGE_DATA_FEED = "delta.enableChangeDataFeed";

  /** Whether deletes write deletion vectors; default false. */
  public static final String ENABLE_DELETION_VECTORS = "delta.enableDeletionVectors";

  /** Whether commits carry in-commit timestamps; default false. */
  public static final String ENABLE_IN_COMMIT_TIMESTAMPS = "delta.enableInCommitTimestamps";

  /** Whether rows get stable row ids; default false. */
  public static final String ENABLE_ROW_TRACKING = "delta.enableRowTracking";

  /** The version from which in-commit timestamps are on. */
  public static final String IN_COMMIT_TIMESTAMP_ENABLEMENT_VERSION =
      "delta.inCommitTimestampEnablementVersion";

  /** The in-commit timestamp of that version. */
  public static final String IN_COMMIT_TIMESTAMP_ENABLEMENT_TIMESTAMP =
      "delta.inCommitTimestampEnablementTimestamp";

  /** How long log files are kept; default 30 days. */
  public static final String LOG_RETENTION_DURATION = "delta.logRetentionDuration";

  /** The physical column of materialized row ids. */
  public static final String MATERIALIZED_ROW_ID_COLUMN_NAME =
      "delta.rowTracking.materializedRowIdColumnName";

  /** The physical column of materialized row commit versions. */
  public static final String MATERIALIZED_ROW_COMMIT_VERSION_COLUMN_NAME =
      "delta.rowTracking.materializedRowCommitVersionColumnName";

  /** How long an application's {@code txn} version is kept; by default for ever. */
  public static final String SET_TRANSACTION_RETENTION_DURATION =
      "delta.setTransactionRetentionDuration";

  /**
   * The size optimize packs files up to: bytes, or with a unit {@code kb}, {@code mb} or {@code gb}
   * (binary multiples, any case), e.g. {@code 128mb}; default 128 MiB.
   */
  public static final String TARGET_FILE_SIZE = "delta.targetFileSize";

  private static final long DAY_MILLIS = 24L * 3600 * 1000;

  private static final long DEFAULT_TARGET_FILE_SIZE = 128L << 20;

  private final Map<String, String> config;

  private TableProperties(Map<String, String> config) {
    this.config = config;
  }

  /**
   * @param configuration a table's properties, e.g. {@link Snapshot#getProperties()}
   * @return typed access to them
   */
  public static TableProperties of(Map<String, String> configuration) {
    return new TableProperties(requireNonNull(configuration, "configuration is null"));
  }

  /**
   * Checks the values of the {@code delta.*} properties Keel knows: booleans are {@code true} or
   * {@code false}, counts are integers in range, durations are intervals such as {@code interval 7
   * days}, and enumerations one of their values. Other keys pass.
   *
   * @param properties properties a writer is asked to set
   * @throws InvalidExpressionException naming the first property whose value is not valid, and why
   */
  public static void validate(Map<String, String> properties) {
    for (Map.Entry<String, String> e : properties.entrySet()) {
      String key = e.getKey();
      String value = requireNonNull(e.getValue(), () -> "the value of " + key + " is null");
      switch (key) {
        case APPEND_ONLY:
        case CHECKPOINT_WRITE_STATS_AS_JSON:
        case CHECKPOINT_WRITE_STATS_AS_STRUCT:
        case ENABLE_CHANGE_DATA_FEED:
        case ENABLE_DELETION_VECTORS:
        case ENABLE_IN_COMMIT_TIMESTAMPS:
        case ENABLE_ROW_TRACKING:
          if (parseBoolean(value).isEmpty()) {
            throw Errors.unsupportedTableProperty(key, value, "it must be true or false");
          }
          break;
        case CHECKPOINT_INTERVAL:
          if (parseInt(value).filter(i -> i > 0).isEmpty()) {
            throw Errors.unsupportedTableProperty(
                key, value, "it must be a whole number of commits, at least 1");
          }
          break;
        case DATA_SKIPPING_NUM_INDEXED_COLS:
          if (parseInt(value).filter(i -> i >= -1).isEmpty()) {
            throw Errors.unsupportedTableProperty(
                key, value, "it must be a whole number of columns, or -1 for all");
          }
          break;
        case DELETED_FILE_RETENTION_DURATION:
        case LOG_RETENTION_DURATION:
        case SET_TRANSACTION_RETENTION_DURATION:
          if (Intervals.parseMillis(value).filter(m -> m >= 0).isEmpty()) {
            throw Errors.unsupportedTableProperty(
                key, value, "it must be an interval such as `interval 7 days`");
          }
          break;
        case TARGET_FILE_SIZE:
          if (parseBytes(value).isEmpty()) {
            throw Errors.unsupportedTableProperty(
                key, value, "it must be a positive size in bytes, kb, mb or gb, e.g. 128mb");
          }
          break;
        case CHECKPOINT_POLICY:
          if (!value.equals("classic") && !value.equals("v2")) {
            throw Errors.unsupportedTableProperty(key, value, "it must be classic or v2");
          }
          break;
        case COLUMN_MAPPING_MODE:
          if (!value.equalsIgnoreCase("none")
              && !value.equalsIgnoreCase("name")
              && !value.equalsIgnoreCase("id")) {
            throw Errors.unsupportedTableProperty(key, value, "it must be none, name or id");
          }
          break;
        default:
          break;
      }
    }
  }

  private static Optional<Boolean> parseBoolean(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    return v.equals("true")
        ? Optional.of(true)
        : v.equals("false") ? Optional.of(false) : Optional.empty();
  }

  private static Optional<Long> parseBytes(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    long unit = 1;
    String[] units = {"kb", "mb", "gb", "k", "m", "g", "b"};
    long[] multiples = {1L << 10, 1L << 20, 1L << 30, 1L << 10, 1L << 20, 1L << 30, 1};
    for (int i = 0; i < units.length; i++) {
      if (v.endsWith(units[i])) {
        unit = multiples[i];
        v = v.substring(0, v.length() - units[i].length()).trim();
        break;
      }
    }
    try {
      long n = Long.parseLong(v);
      return n > 0 && n <= Long.MAX_VALUE / unit ? Optional.of(n * unit) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<Integer> parseInt(String value) {
    try {
      return Optional.of(Integer.parseInt(value.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * @param key a property key
   * @return its value, if set
   */
  public Optional<String> get(String key) {
    return Optional.ofNullable(config.get(key));
  }

  /**
   * @param key a boolean property
   * @return true only when the property is set to {@code true} (any case)
   */
  public boolean isTrue(String key) {
    String v = config.get(key);
    return v != null && parseBoolean(v).orElse(false);
  }

  /**
   * @return {@link #APPEND_ONLY}
   */
  public boolean isAppendOnly() {
    return isTrue(APPEND_ONLY);
  }

  /**
   * @return {@link #ENABLE_CHANGE_DATA_FEED}
   */
  public boolean isChangeDataFeedEnabled() {
    return isTrue(ENABLE_CHANGE_DATA_FEED);
  }

  /**
   * @return {@link #ENABLE_DELETION_VECTORS}
   */
  public boolean isDeletionVectorsEnabled() {
    return isTrue(ENABLE_DELETION_VECTORS);
  }

  /**
   * @return {@link #ENABLE_IN_COMMIT_TIMESTAMPS}
   */
  public boolean isInCommitTimestampsEnabled() {
    return isTrue(ENABLE_IN_COMMIT_TIMESTAMPS);
  }

  /**
   * @return {@link #ENABLE_ROW_TRACKING}
   */
  public boolean isRowTrackingEnabled() {
    return isTrue(ENABLE_ROW_TRACKING);
  }

  /**
   * @return {@link #CHECKPOINT_INTERVAL}, 10 when unset or not a positive number
   */
  public int getCheckpointInterval() {
    return get(CHECKPOINT_INTERVAL)
        .flatMap(TableProperties::parseInt)
        .filter(i -> i > 0)
        .orElse(10);
  }

  /**
   * @return true when {@link #CHECKPOINT_POLICY} is {@code v2}
   */
  public boolean isV2CheckpointPolicy() {
    return "v2".equals(config.get(CHECKPOINT_POLICY));
  }

  /**
   * @return {@link #CHECKPOINT_WRITE_STATS_AS_JSON}, true unless set to false
   */
  public boolean isCheckpointWriteStatsAsJson() {
    return get(CHECKPOINT_WRITE_STATS_AS_JSON).flatMap(TableProperties::parseBoolean).orElse(true);
  }

  /**
   * @return {@link #CHECKPOINT_WRITE_STATS_AS_STRUCT}, false unless set to true
   */
  public boolean isCheckpointWriteStatsAsStruct() {
    return isTrue(CHECKPOINT_WRITE_STATS_AS_STRUCT);
  }

  /**
   * @return {@link #DATA_SKIPPING_NUM_INDEXED_COLS}, 32 when unset or not a number; -1 means all
   */
  public int getDataSkippingNumIndexedCols() {
    return get(DATA_SKIPPING_NUM_INDEXED_COLS)
        .flatMap(TableProperties::parseInt)
        .filter(i -> i >= -1)
        .orElse(32);
  }

  /**
   * @return {@link #DELETED_FILE_RETENTION_DURATION} in milliseconds, one week by default
   */
  public long getDeletedFileRetentionMillis() {
    return Intervals.parseMillis(config.get(DELETED_FILE_RETENTION_DURATION))
        .orElse(7 * DAY_MILLIS);
  }

  /**
   * @return {@link #LOG_RETENTION_DURATION} in milliseconds, 30 days by default
   */
  public long getLogRetentionMillis() {
    return Intervals.parseMillis(config.get(LOG_RETENTION_DURATION)).orElse(30 * DAY_MILLIS);
  }

  /**
   * @return {@link #TARGET_FILE_SIZE} in bytes, 128 MiB when unset or not a valid size
   */
  public long getTargetFileSize() {
    return get(TARGET_FILE_SIZE)
        .flatMap(TableProperties::parseBytes)
        .orElse(DEFAULT_TARGET_FILE_SIZE);
  }

  /**
   * @return {@link #SET_TRANSACTION_RETENTION_DURATION} in milliseconds, when set
   */
  public Optional<Long> getSetTransactionRetentionMillis() {
    return Intervals.parseMillis(config.get(SET_TRANSACTION_RETENTION_DURATION));
  }

  @Override
  public String toString() {
    return "TableProperties" + config;
  }
}
