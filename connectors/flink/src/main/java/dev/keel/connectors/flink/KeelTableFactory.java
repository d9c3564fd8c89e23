package dev.keel.connectors.flink;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.ResolvedCatalogTable;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.factories.DynamicTableSinkFactory;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.types.logical.RowType;

/**
 * The {@code 'connector' = 'keel'} table factory of Flink's Table API and SQL: a Delta table as a
 * source (bounded or continuous, with projection and filter push-down) and an insert-only sink.
 *
 * <pre>{@code
 * CREATE TABLE events (id BIGINT, kind STRING, ts TIMESTAMP_LTZ(6))
 *   PARTITIONED BY (kind)
 *   WITH ('connector' = 'keel', 'path' = 's3://lake/events');
 * INSERT INTO events SELECT ...;
 * SELECT * FROM events WHERE id > 100;
 * }</pre>
 *
 * <p>The declared columns must be the table's (names and types, see {@link KeelSource}); a sink
 * creates the table with them when it does not exist, partitioned by the {@code PARTITIONED BY}
 * columns and with the {@code delta.*} options as table properties. Options prefixed {@code fs.}
 * are Keel's file system options without the prefix ({@code 'fs.keel.s3.region' = 'eu-west-1'}).
 */
public final class KeelTableFactory implements DynamicTableSourceFactory, DynamicTableSinkFactory {
  /** The factory identifier: {@code 'connector' = 'keel'}. */
  public static final String IDENTIFIER = "keel";

  /** The table's directory, a path or URI. */
  public static final ConfigOption<String> PATH =
      ConfigOptions.key("path").stringType().noDefaultValue().withDescription("The table's path.");

  /** Reads this version (bounded scans). */
  public static final ConfigOption<Long> VERSION_AS_OF =
      ConfigOptions.key("version-as-of").longType().noDefaultValue();

  /** Reads the version latest at this instant, ISO-8601 ({@code 2024-05-01T00:00:00Z}). */
  public static final ConfigOption<String> TIMESTAMP_AS_OF =
      ConfigOptions.key("timestamp-as-of").stringType().noDefaultValue();

  /** {@code bounded} (one snapshot, the default) or {@code continuous} (then each new commit). */
  public static final ConfigOption<String> SCAN_MODE =
      ConfigOptions.key("scan.mode").stringType().defaultValue("bounded");

  /** How often a continuous scan looks for new commits. */
  public static final ConfigOption<Duration> UPDATE_CHECK_INTERVAL =
      ConfigOptions.key("scan.update-check-interval")
          .durationType()
          .defaultValue(Duration.ofSeconds(10));

  /** A continuous scan starts with this commit's files, without the snapshot before it. */
  public static final ConfigOption<Long> STARTING_VERSION =
      ConfigOptions.key("scan.starting-version").longType().noDefaultValue();

  /** A continuous scan starts with the first commit at or after this instant, ISO-8601. */
  public static final ConfigOption<String> STARTING_TIMESTAMP =
      ConfigOptions.key("scan.starting-timestamp").stringType().noDefaultValue();

  /** A continuous scan skips commits that only remove data. */
  public static final ConfigOption<Boolean> IGNORE_DELETES =
      ConfigOptions.key("scan.ignore-deletes").booleanType().defaultValue(false);

  /** A continuous scan re-reads rewritten files instead of failing. */
  public static final ConfigOption<Boolean> IGNORE_CHANGES =
      ConfigOptions.key("scan.ignore-changes").booleanType().defaultValue(false);

  /** The sink's target data file size. */
  public static final ConfigOption<MemorySize> TARGET_FILE_SIZE =
      ConfigOptions.key("sink.target-file-size")
          .memoryType()
          .defaultValue(new MemorySize(KeelSink.Builder.DEFAULT_TARGET_FILE_SIZE));

  /** The sink's application id ({@link KeelSink.Builder#appId}). */
  public static final ConfigOption<String> APP_ID =
      ConfigOptions.key("sink.app-id").stringType().noDefaultValue();

  @Override
  public String factoryIdentifier() {
    return IDENTIFIER;
  }

  @Override
  public Set<ConfigOption<?>> requiredOptions() {
    return Set.of(PATH);
  }

  @Override
  public Set<ConfigOption<?>> optionalOptions() {
    return Set.of(
        VERSION_AS_OF,
        TIMESTAMP_AS_OF,
        SCAN_MODE,
        UPDATE_CHECK_INTERVAL,
        STARTING_VERSION,
        STARTING_TIMESTAMP,
        IGNORE_DELETES,
        IGNORE_CHANGES,
        TARGET_FILE_SIZE,
        APP_ID);
  }

  @Override
  public DynamicTableSource createDynamicTableSource(Context context) {
    FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
    helper.validateExcept("fs.", "delta.");
    ReadableConfig options = helper.getOptions();
    String mode = options.get(SCAN_MODE);
    if (!mode.equals("bounded") && !mode.equals("continuous")) {
      throw new ValidationException("'scan.mode' is 'bounded' or 'continuous', not '" + mode + "'");
    }
    Map<String, String> fileSystemOptions = prefixed(context.getCatalogTable(), "fs.");
    sourceBuilder(options, fileSystemOptions); // fails now on contradicting options
    return new KeelTableSource(
        () -> sourceBuilder(options, fileSystemOptions),
        physicalRowType(context),
        context.getObjectIdentifier().asSummaryString());
  }

  private static KeelSource.Builder sourceBuilder(
      ReadableConfig options, Map<String, String> fileSystemOptions) {
    KeelSource.Builder b = KeelSource.forTable(options.get(PATH));
    fileSystemOptions.forEach(b::fileSystemOption);
    options.getOptional(VERSION_AS_OF).ifPresent(b::versionAsOf);
    options
        .getOptional(TIMESTAMP_AS_OF)
        .ifPresent(t -> b.timestampAsOf(Instant.parse(t).toEpochMilli()));
    if (options.get(SCAN_MODE).equals("continuous")) {
      b.continuous(options.get(UPDATE_CHECK_INTERVAL));
      options.getOptional(STARTING_VERSION).ifPresent(b::startingVersion);
      options
          .getOptional(STARTING_TIMESTAMP)
          .ifPresent(t -> b.startingTimestamp(Instant.parse(t).toEpochMilli()));
      b.ignoreDeletes(options.get(IGNORE_DELETES));
      b.ignoreChanges(options.get(IGNORE_CHANGES));
    } else if (options.getOptional(STARTING_VERSION).isPresent()
        || options.getOptional(STARTING_TIMESTAMP).isPresent()) {
      throw new ValidationException(
          "'scan.starting-version' and 'scan.starting-timestamp' apply to 'scan.mode' ="
              + " 'continuous'");
    }
    return b;
  }

  @Override
  public DynamicTableSink createDynamicTableSink(Context context) {
    FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
    helper.validateExcept("fs.", "delta.");
    ReadableConfig options = helper.getOptions();
    ResolvedCatalogTable table = context.getCatalogTable();
    KeelSink.Builder b =
        KeelSink.forTable(options.get(PATH))
            .rowType(physicalRowType(context))
            .partitionColumns(table.getPartitionKeys().toArray(new String[0]))
            .targetFileSize(options.get(TARGET_FILE_SIZE).getBytes());
    prefixed(table, "fs.").forEach(b::fileSystemOption);
    table
        .getOptions()
        .forEach(
            (k, v) -> {
              if (k.startsWith("delta.")) {
                b.tableProperty(k, v);
              }
            });
    options.getOptional(APP_ID).ifPresent(b::appId);
    return new KeelTableSink(b);
  }

  private static RowType physicalRowType(Context context) {
    return (RowType) context.getPhysicalRowDataType().getLogicalType();
  }

  private static Map<String, String> prefixed(ResolvedCatalogTable table, String prefix) {
    Map<String, String> out = new LinkedHashMap<>();
    table
        .getOptions()
        .forEach(
            (k, v) -> {
              if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
              }
            });
    return out;
  }
}
