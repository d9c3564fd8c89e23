package dev.keel.connectors.cli;

import dev.keel.connectors.kafka.IngestMetrics;
import dev.keel.connectors.kafka.IngestOptions;
import dev.keel.connectors.kafka.KafkaIngest;
import dev.keel.kernel.Operation;
import dev.keel.kernel.Table;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.exceptions.TableNotFoundException;
import java.io.PrintWriter;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** keel ingest: a Kafka topic into a Delta table, exactly once, until stopped. */
@Command(
    name = "ingest",
    description =
        "Stream a Kafka topic of JSON messages into a table, exactly once (the table holds each"
            + " partition's offset); SIGTERM or Ctrl-C commits what is buffered and exits 0.")
final class IngestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TOPIC", description = "The Kafka topic.")
  String topic;

  @Parameters(index = "1", paramLabel = "TABLE", description = "The table: a directory or a URI.")
  String table;

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT,...",
      description = "The Kafka brokers (default: localhost:9092).")
  String bootstrapServers = "localhost:9092";

  @Option(names = "--group-id", description = "The consumer group (default: keel-ingest-TOPIC).")
  String groupId;

  @Option(
      names = "--app-id",
      description = "The id of the table's offsets, txn <app-id>-<partition> (default: the group).")
  String appId;

  @Option(
      names = "--allowed-latency",
      paramLabel = "DURATION",
      description = "Commit a batch at most this long after its first message (default: 300s).")
  String allowedLatency = "300s";

  @Option(
      names = "--max-messages-per-batch",
      paramLabel = "N",
      description = "Commit once a batch holds N messages (default: 5000).")
  int maxMessages = 5000;

  @Option(
      names = "--min-bytes-per-file",
      paramLabel = "SIZE",
      description = "Commit once a batch holds SIZE of messages (default: 128MiB).")
  String minBytes = "128MiB";

  @Option(
      names = "--format",
      paramLabel = "json|avro",
      description = "The messages' format: json (the default) or avro (with --avro-schema).")
  String format = "json";

  @Option(
      names = "--avro-schema",
      paramLabel = "FILE",
      description = "The Avro writer schema (.avsc) of binary-encoded Avro messages.")
  java.nio.file.Path avroSchema;

  @Option(
      names = "--dlq-table",
      paramLabel = "PATH",
      description = "Where messages that do not fit go (created if absent); without it, stop.")
  String dlqTable;

  @Option(
      names = "--seek-offsets",
      paramLabel = "JSON",
      description =
          "Where to start partitions the table has no offset for, e.g. '{\"0\":123,\"1\":0}';"
              + " recorded in the table before the first batch.")
  String seekOffsets;

  @Option(
      names = "--auto-offset-reset",
      paramLabel = "earliest|latest",
      description = "Where other partitions without an offset start (default: earliest).")
  String autoOffsetReset = "earliest";

  @Option(
      names = "--ends-at-latest-offsets",
      description = "Stop once the partitions are read to the end offsets they had at the start.")
  boolean endsAtLatestOffsets;

  @Option(
      names = "--transform",
      paramLabel = "'COLUMN: EXPRESSION'",
      description =
          "Set a column of every message from an expression (repeatable): a field path, kafka.partition,"
              + " kafka.offset, kafka.timestamp, kafka.topic, kafka.key, a literal ('text', 12,"
              + " true, null), or concat, coalesce, lower, upper, substr, string, long, double,"
              + " timestamp_millis, timestamp_micros, date of those.")
  List<String> transforms = new ArrayList<>();

  @Option(
      names = "--evolve-schema",
      description =
          "Add new top-level fields of JSON messages to the table as nullable columns; a value of"
              + " the wrong type goes to the dead-letter table.")
  boolean evolveSchema;

  @Option(
      names = "--create-table",
      description = "Create the table with --schema (and --partitioned-by) when it does not exist.")
  boolean createTable;

  @Option(names = "--schema", paramLabel = "COLUMNS", description = "As for keel create.")
  String schema;

  @Option(
      names = "--partitioned-by",
      paramLabel = "col,...",
      split = ",",
      description = "Partition columns of a table --create-table creates.")
  List<String> partitionedBy = new ArrayList<>();

  @Option(
      names = "--checkpoint-interval",
      paramLabel = "N",
      description = "Write a checkpoint every N commits (sets delta.checkpointInterval).")
  Integer checkpointInterval;

  @Option(
      names = "-X",
      paramLabel = "KEY=VALUE",
      description = "A Kafka consumer property, e.g. -X security.protocol=SSL (repeatable).")
  List<String> kafkaProperties = new ArrayList<>();

  @Mixin CommonOptions common = new CommonOptions();

  private static final Pattern OFFSET = Pattern.compile("\"(\\d+)\"\\s*:\\s*(\\d+)");
  private static final Pattern OFFSETS =
      Pattern.compile("\\{\\s*(\"\\d+\"\\s*:\\s*\\d+\\s*(,\\s*\"\\d+\"\\s*:\\s*\\d+\\s*)*)?\\}");

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String path = absolute(table);
    IngestOptions options = options(path);
    try (DefaultEngine engine = DefaultEngine.create()) {
      prepareTable(engine, path, out);
      KafkaIngest created;
      try {
        created = new KafkaIngest(engine, options, line -> status(err, line));
      } catch (IllegalArgumentException e) {
        throw new UsageError(e.getMessage()); // a transform or the Avro schema does not parse
      }
      try (KafkaIngest ingest = created) {
        runUntilStopped(ingest, path, out);
      }
    }
    return 0;
  }

  private static String absolute(String tableOrUri) {
    return tableOrUri.contains(":")
        ? tableOrUri
        : Paths.get(tableOrUri).toAbsolutePath().normalize().toString();
  }

  /** The ingestion options the command line gives, checked. */
  private IngestOptions options(String path) {
    if (!format.equals("json") && !format.equals("avro")) {
      throw new UsageError("--format must be json or avro, not `" + format + "`.");
    }
    if (format.equals("avro") != (avroSchema != null)) {
      throw new UsageError("--format avro and --avro-schema FILE go together.");
    }
    if (!autoOffsetReset.equals("earliest") && !autoOffsetReset.equals("latest")) {
      throw new UsageError(
          "--auto-offset-reset must be earliest or latest, not `" + autoOffsetReset + "`.");
    }
    String group = groupId != null ? groupId : "keel-ingest-" + topic;
    IngestOptions options =
        IngestOptions.of(topic, path, bootstrapServers)
            .withGroupId(group)
            .withAppId(appId != null ? appId : group)
            .withBatchLimits(
                MaintenanceCommands.parseDuration("--allowed-latency", allowedLatency),
                maxMessages,
                MaintenanceCommands.Optimize.parseSize("--min-bytes-per-file", minBytes))
            .withSeekOffsets(parseOffsets(seekOffsets))
            .withStartFromEarliest(autoOffsetReset.equals("earliest"))
            .withEndAtLatestOffsets(endsAtLatestOffsets)
            .withEvolveSchema(evolveSchema)
            .withTransforms(transforms);
    if (avroSchema != null) {
      try {
        options = options.withAvroSchema(java.nio.file.Files.readString(avroSchema));
      } catch (java.io.IOException e) {
        throw new UsageError("Cannot read --avro-schema " + avroSchema + ": " + e.getMessage());
      }
    }
    if (dlqTable != null) {
      options = options.withDeadLetterTable(absolute(dlqTable));
    }
    for (String p : kafkaProperties) {
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw new UsageError("Invalid -X '" + p + "': use key=value.");
      }
      options = options.withKafkaProperty(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
    }
    return options;
  }

  /**
   * Runs the ingester until it ends or the process is asked to stop (SIGTERM, Ctrl-C): then the
   * shutdown hook stops it, waits for the last commit and ends the process with 0.
   */
  private static void runUntilStopped(KafkaIngest ingest, String path, PrintWriter out) {
    CountDownLatch done = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              ingest.stop();
              try {
                if (done.await(120, TimeUnit.SECONDS)) {
                  Runtime.getRuntime().halt(0); // flushed and committed: a clean exit
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      ingest.run();
    } finally {
      IngestMetrics m = ingest.metrics();
      out.println(
          "Ingested "
              + m.messages()
              + " message(s) in "
              + m.commits()
              + " commit(s) into "
              + path
              + (m.deadLetters() > 0 ? "; " + m.deadLetters() + " to the dead-letter table" : "")
              + ".");
      out.flush();
      done.countDown();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running: it ends the process
    }
  }

  private static void status(PrintWriter err, String line) {
    err.println("keel ingest: " + line);
    err.flush();
  }

  private void prepareTable(DefaultEngine engine, String path, PrintWriter out) {
    boolean exists;
    try {
      Table.forPath(engine, path).getLatestSnapshot(engine);
      exists = true;
    } catch (TableNotFoundException e) {
      exists = false;
    }
    Map<String, String> props = new LinkedHashMap<>();
    if (checkpointInterval != null) {
      if (checkpointInterval < 1) {
        throw new UsageError("--checkpoint-interval must be at least 1.");
      }
      props.put("delta.checkpointInterval", checkpointInterval.toString());
    }
    if (!exists) {
      if (!createTable || schema == null) {
        throw new UsageError(
            "No table at "
                + path
                + ": create it first (keel create), or give --create-table with --schema.");
      }
      Table.forPath(engine, path)
          .createTransactionBuilder("keel-ingest", Operation.CREATE_TABLE)
          .withSchema(TypeParser.parseSchema(schema))
          .withPartitionColumns(partitionedBy)
          .withTableProperties(props)
          .build(engine)
          .commit(engine);
      out.println("Created " + path + ".");
    } else if (!props.isEmpty()) {
      Table.forPath(engine, path)
          .createTransactionBuilder("keel-ingest", Operation.SET_TABLE_PROPERTIES)
          .withTableProperties(props)
          .build(engine)
          .commit(engine);
    }
  }

  static Map<Integer, Long> parseOffsets(String text) {
    Map<Integer, Long> out = new LinkedHashMap<>();
    if (text == null) {
      return out;
    }
    if (!OFFSETS.matcher(text.trim()).matches()) {
      throw new UsageError(
          "--seek-offsets must be a JSON object of partition to offset, e.g. '{\"0\":123}', not `"
              + text
              + "`.");
    }
    Matcher m = OFFSET.matcher(text);
    while (m.find()) {
      out.put(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)));
    }
    return out;
  }
}
