package dev.keel.connectors.kafka;

import dev.keel.kernel.Operation;
import dev.keel.kernel.Snapshot;
import dev.keel.kernel.Table;
import dev.keel.kernel.Transaction;
import dev.keel.kernel.TransactionBuilder;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.exceptions.ConcurrentWriteException;
import dev.keel.kernel.exceptions.TableNotFoundException;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Streams a Kafka topic of JSON messages into a Delta table, exactly once, without a coordinator
 * (the design of delta-io/kafka-delta-ingest): every commit records, for each partition it holds
 * messages of, a {@code txn} action {@code <appId>-<partition>} whose version is the last offset
 * committed. On start and after every rebalance the worker seeks each partition it owns to the
 * offset after the table's; a commit that loses to another worker's commit of the same partition is
 * dropped and the partitions are read again from the table's offsets. Workers of one consumer group
 * share the partitions through Keel's optimistic commits, on local disk or S3 alike.
 *
 * <p>Messages are JSON objects read into the table's schema (ISO-8601 strings for timestamps and
 * dates, numbers for decimals, objects for structs). A message that does not fit goes to the
 * dead-letter table (its bytes in base64, the error, topic, partition, offset and timestamp),
 * committed before the batch's good rows with its own {@code <appId>-dlq-<partition>} versions so
 * that a retried batch does not write it twice; without a dead-letter table ingestion stops with an
 * {@link IngestException} naming the message, having committed nothing of its batch.
 *
 * <p>One ingester is one worker: call {@link #run} on one thread, {@link #stop} from any thread (a
 * shutdown hook, say) to commit what is buffered and return. Closing it closes the consumer.
 */
public final class KafkaIngest implements AutoCloseable {
  private static final String ENGINE_INFO = "keel-kafka-ingest";
  private static final Duration POLL = Duration.ofMillis(200);
  private static final long STATUS_EVERY_MILLIS = 10_000;

  private final Engine engine;
  private final IngestOptions options;
  private final Consumer<String> log;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final List<ConsumerRecord<byte[], byte[]>> buffer = new ArrayList<>();
  private final Map<TopicPartition, Long> endOffsets = new HashMap<>();
  private volatile boolean stopping;
  private long bufferedBytes;
  private long firstBufferedAt;
  private long lastStatus = System.currentTimeMillis();
  private IngestMetrics lastStatusMetrics = IngestMetrics.NONE;
  private StructType schema;
  private final MessageRows rows;
  private final Optional<DeadLetters> deadLetterTable;

  private volatile long messages;
  private volatile long bytes;
  private volatile long commits;
  private volatile long deadLetters;
  private volatile long conflicts;
  private volatile long lastCommitMillis;
  private volatile long totalCommitMillis;
  private volatile Map<Integer, Long> lag = Map.of();

  /**
   * Connects the consumer (it joins the group when {@link #run} starts).
   *
   * @param engine the engine that reads and writes the tables
   * @param options what to read and where to write
   * @param log receives a status line every 10 seconds and a line per conflict
   * @throws IllegalArgumentException if a transform or the Avro schema does not parse
   */
  public KafkaIngest(Engine engine, IngestOptions options, Consumer<String> log) {
    this.engine = engine;
    this.options = options;
    this.log = log;
    Properties props = new Properties();
    props.putAll(options.kafkaProperties());
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, options.groupId());
    // the table holds the offsets; Kafka's are not used to resume
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
        options.startFromEarliest() ? "earliest" : "latest");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    this.consumer = new KafkaConsumer<>(props);
    this.rows =
        new MessageRows(
            engine,
            options.avroSchema().map(AvroMessages::new).orElse(null),
            new Transforms(options.transforms()));
    this.deadLetterTable =
        options
            .deadLetterTable()
            .map(path -> new DeadLetters(engine, path, options.appId(), ENGINE_INFO));
  }

  /**
   * Ingests until {@link #stop} is called, or (with {@code endAtLatestOffsets}) until every
   * assigned partition has been read to its end offset; then commits what is buffered.
   *
   * @throws IngestException if a message cannot be ingested and there is no dead-letter table
   * @throws TableNotFoundException if the table does not exist
   */
  public void run() {
    schema = Table.forPath(engine, options.table()).getLatestSnapshot(engine).getSchema();
    deadLetterTable.ifPresent(DeadLetters::createIfAbsent);
    recordSeekOffsets();
    consumer.subscribe(
        List.of(options.topic()),
        new ConsumerRebalanceListener() {
          @Override
          public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            // the buffer may hold messages of partitions another worker now owns: read them again
            buffer.clear();
            bufferedBytes = 0;
            endOffsets.keySet().removeAll(revoked);
          }

          @Override
          public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            if (options.endAtLatestOffsets()) {
              endOffsets.putAll(consumer.endOffsets(assigned));
            }
            seekFromTable(consumer.assignment());
          }
        });
    boolean failed = true;
    try {
      while (!stopping) {
        for (ConsumerRecord<byte[], byte[]> r : pollQuietly()) {
          if (buffer.isEmpty()) {
            firstBufferedAt = System.currentTimeMillis();
          }
          buffer.add(r);
          bufferedBytes += r.value() == null ? 0 : r.value().length;
        }
        if (buffer.size() >= options.maxMessagesPerBatch()
            || bufferedBytes >= options.minBytesPerFile()
            || (!buffer.isEmpty()
                && System.currentTimeMillis() - firstBufferedAt
                    >= options.allowedLatency().toMillis())) {
          flush();
        }
        updateLag();
        if (options.endAtLatestOffsets() && caughtUp()) {
          break;
        }
        status();
      }
      failed = false;
    } finally {
      if (!failed) {
        flush();
      }
    }
  }

  private Iterable<ConsumerRecord<byte[], byte[]>> pollQuietly() {
    try {
      return consumer.poll(POLL);
    } catch (WakeupException stop) {
      return List.of();
    }
  }

  /** Stops {@link #run} after it commits what it buffered; safe from any thread. */
  public void stop() {
    stopping = true;
    consumer.wakeup();
  }

  /**
   * @return what this ingester has done so far; safe from any thread
   */
  public IngestMetrics metrics() {
    return new IngestMetrics(
        messages, bytes, commits, deadLetters, conflicts, lastCommitMillis, totalCommitMillis, lag);
  }

  /** Notes the consumer's lag per partition (on the thread that runs the consumer). */
  private void updateLag() {
    Map<Integer, Long> now = new TreeMap<>();
    for (TopicPartition tp : consumer.assignment()) {
      consumer.currentLag(tp).ifPresent(l -> now.put(tp.partition(), l));
    }
    lag = Map.copyOf(now);
  }

  private boolean caughtUp() {
    if (consumer.assignment().isEmpty()) {
      return false;
    }
    for (TopicPartition tp : consumer.assignment()) {
      Long end = endOffsets.get(tp);
      if (end == null || consumer.position(tp) < end) {
        return false;
      }
    }
    return true;
  }

  private void status() {
    long now = System.currentTimeMillis();
    if (now - lastStatus >= STATUS_EVERY_MILLIS) {
      IngestMetrics m = metrics();
      log.accept(m.describeSince(lastStatusMetrics, now - lastStatus));
      lastStatus = now;
      lastStatusMetrics = m;
    }
  }

  /** The application id of a partition's offsets in the table. */
  private String txnId(int partition) {
    return options.appId() + "-" + partition;
  }

  /** Seeks each partition to the offset after the table's, or where the options say to start. */
  private void seekFromTable(Collection<TopicPartition> partitions) {
    Snapshot s = Table.forPath(engine, options.table()).getLatestSnapshot(engine);
    for (TopicPartition tp : partitions) {
      Optional<Long> committed = s.getLatestTransactionVersion(engine, txnId(tp.partition()));
      if (committed.isPresent()) {
        consumer.seek(tp, committed.get() + 1);
      } else if (options.seekOffsets().containsKey(tp.partition())) {
        consumer.seek(tp, options.seekOffsets().get(tp.partition()));
      } else if (options.startFromEarliest()) {
        consumer.seekToBeginning(List.of(tp));
      } else {
        consumer.seekToEnd(List.of(tp));
      }
    }
  }

  /**
   * Records the given starting offsets of partitions the table has none for as {@code txn} actions,
   * before anything else, so that a crash before the first data commit cannot lose them.
   */
  private void recordSeekOffsets() {
    if (options.seekOffsets().isEmpty()) {
      return;
    }
    Snapshot s = Table.forPath(engine, options.table()).getLatestSnapshot(engine);
    TransactionBuilder b =
        Table.forPath(engine, options.table())
            .createTransactionBuilder(ENGINE_INFO, Operation.STREAMING_UPDATE);
    boolean any = false;
    for (Map.Entry<Integer, Long> e : options.seekOffsets().entrySet()) {
      if (s.getLatestTransactionVersion(engine, txnId(e.getKey())).isEmpty()) {
        b = b.withTransactionId(txnId(e.getKey()), e.getValue() - 1);
        any = true;
      }
    }
    if (any) {
      try {
        b.build(engine).commit(engine);
      } catch (ConcurrentWriteException another) {
        // another worker recorded offsets first: the table's are the truth
      }
    }
  }

  /** Commits the buffer: dead letters first, then the rows with the partitions' offsets. */
  private void flush() {
    if (buffer.isEmpty()) {
      return;
    }
    long started = System.currentTimeMillis();
    List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>(buffer);
    buffer.clear();
    bufferedBytes = 0;
    List<DeadLetter> dead = new ArrayList<>();
    MessageRows.Prepared prepared = rows.prepare(batch, dead);
    if (options.evolveSchema()) {
      evolveSchema(prepared.texts());
    }
    List<ColumnarBatch> good = rows.parseGood(prepared, schema, dead);
    if (!dead.isEmpty() && deadLetterTable.isEmpty()) {
      good.forEach(ColumnarBatch::close);
      DeadLetter first = dead.get(0);
      throw new IngestException(
          "Cannot ingest the message at offset "
              + first.record().offset()
              + " of partition "
              + first.record().partition()
              + " of topic "
              + options.topic()
              + ": "
              + first.error()
              + ". Nothing of its batch was committed. Give a dead-letter table to set such"
              + " messages aside, or start past it with a seek offset.");
    }
    Map<Integer, Long> lastOffsets = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> r : batch) {
      lastOffsets.merge(r.partition(), r.offset(), Math::max);
    }
    try {
      if (!dead.isEmpty()) {
        deadLetterTable.get().commit(dead, lastOffsets);
      }
      Transaction t = dataTransaction(lastOffsets);
      List<ColumnarBatch> parts = good;
      good = null; // handed over: writeRows closes them
      // the kernel writes the partitions at once on the engine's executor, each partition's rows
      // of all parts in the same files
      t.addFiles(t.getState().writeRows(engine, CloseableIterator.of(parts)));
      t.commit(engine);
    } catch (ConcurrentWriteException lost) {
      conflicts++;
      log.accept(
          "dropped a batch of "
              + batch.size()
              + " messages: "
              + lost.getMessage()
              + " Reading the partitions again from the table's offsets.");
      seekFromTable(consumer.assignment());
      schema = Table.forPath(engine, options.table()).getLatestSnapshot(engine).getSchema();
      return;
    } finally {
      if (good != null) {
        good.forEach(ColumnarBatch::close);
      }
    }
    commits++;
    messages += batch.size();
    for (ConsumerRecord<byte[], byte[]> r : batch) {
      bytes += r.value() == null ? 0 : r.value().length;
    }
    deadLetters += dead.size();
    lastCommitMillis = System.currentTimeMillis() - started;
    totalCommitMillis += lastCommitMillis;
    report(batch, dead.size(), System.currentTimeMillis() - started);
  }

  /**
   * Adds the top-level fields of the messages that the table does not have as nullable columns
   * ({@link MessageRows#newFields}), in one commit before the batch's.
   */
  private void evolveSchema(List<byte[]> messages) {
    Map<String, dev.keel.kernel.types.DataType> added = MessageRows.newFields(messages, schema);
    for (int attempt = 0; !added.isEmpty() && attempt < 3; attempt++) {
      StructType evolved = schema;
      for (Map.Entry<String, dev.keel.kernel.types.DataType> e : added.entrySet()) {
        if (evolved.indexOf(e.getKey()) < 0) {
          evolved = evolved.add(e.getKey(), e.getValue(), true);
        }
      }
      if (evolved.length() == schema.length()) {
        return; // another worker added them meanwhile
      }
      try {
        Table.forPath(engine, options.table())
            .createTransactionBuilder(ENGINE_INFO, Operation.ADD_COLUMNS)
            .withSchema(evolved)
            .build(engine)
            .commit(engine);
        log.accept("added columns " + added.keySet() + " to " + options.table());
        schema = evolved;
        return;
      } catch (ConcurrentWriteException another) {
        schema = Table.forPath(engine, options.table()).getLatestSnapshot(engine).getSchema();
      }
    }
  }

  /** Hands the batch's figures to the engine's metrics reporters; a failing reporter is ignored. */
  private void report(List<ConsumerRecord<byte[], byte[]>> batch, int dead, long millis) {
    long committedAt = System.currentTimeMillis();
    Map<String, Long> m = new java.util.LinkedHashMap<>();
    long batchBytes = 0;
    long oldest = Long.MAX_VALUE;
    long newest = Long.MIN_VALUE;
    for (ConsumerRecord<byte[], byte[]> r : batch) {
      batchBytes += r.value() == null ? 0 : r.value().length;
      if (r.timestamp() >= 0) {
        oldest = Math.min(oldest, r.timestamp());
        newest = Math.max(newest, r.timestamp());
      }
    }
    m.put("messages", (long) batch.size());
    m.put("bytes", batchBytes);
    m.put("deadLetters", (long) dead);
    m.put("commitNanos", millis * 1_000_000);
    if (oldest <= newest) {
      m.put("latencyMaxMillis", committedAt - oldest);
      m.put("latencyMinMillis", committedAt - newest);
    }
    lag.forEach((p, l) -> m.put("lag." + p, l));
    IngestReport report = new IngestReport(options.table(), Map.copyOf(m));
    for (dev.keel.kernel.engine.MetricsReporter reporter : engine.getMetricsReporters()) {
      try {
        reporter.report(report);
      } catch (RuntimeException ignored) {
        // a reporter must not stop ingestion
      }
    }
  }

  private Transaction dataTransaction(Map<Integer, Long> lastOffsets) {
    TransactionBuilder b =
        Table.forPath(engine, options.table())
            .createTransactionBuilder(ENGINE_INFO, Operation.STREAMING_UPDATE);
    for (Map.Entry<Integer, Long> e : lastOffsets.entrySet()) {
      b = b.withTransactionId(txnId(e.getKey()), e.getValue());
    }
    return b.build(engine);
  }

  @Override
  public void close() {
    consumer.close();
  }
}
