package dev.keel.connectors.kafka;

import dev.keel.kernel.Operation;
import dev.keel.kernel.Snapshot;
import dev.keel.kernel.Table;
import dev.keel.kernel.Transaction;
import dev.keel.kernel.TransactionBuilder;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.exceptions.KernelException;
import dev.keel.kernel.exceptions.TableNotFoundException;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dead-letter table of an ingester: messages that could not be ingested, with why, committed
 * before their batch's rows with their own offsets ({@code <appId>-dlq-<partition>}), so that a
 * retried batch does not write them twice.
 */
final class DeadLetters {
  /** The dead-letter table's schema. */
  static final StructType SCHEMA =
      new StructType(
          List.of(
              new StructField("raw_base64", DataTypes.STRING, true),
              new StructField("error", DataTypes.STRING, true),
              new StructField("topic", DataTypes.STRING, true),
              new StructField("partition", DataTypes.INTEGER, true),
              new StructField("offset", DataTypes.LONG, true),
              new StructField("timestamp", DataTypes.TIMESTAMP, true)));

  private final Engine engine;
  private final String path;
  private final String appId;
  private final String engineInfo;

  DeadLetters(Engine engine, String path, String appId, String engineInfo) {
    this.engine = engine;
    this.path = path;
    this.appId = appId;
    this.engineInfo = engineInfo;
  }

  private String txnId(int partition) {
    return appId + "-dlq-" + partition;
  }

  private dev.keel.kernel.data.ColumnarBatch rows(List<byte[]> json) {
    return engine.getJsonHandler().parseJson(new StringVector(json), SCHEMA, Optional.empty());
  }

  /** Creates the table unless it exists (another worker may be creating it too). */
  void createIfAbsent() {
    try {
      Table.forPath(engine, path).getLatestSnapshot(engine);
    } catch (TableNotFoundException absent) {
      try {
        Table.forPath(engine, path)
            .createTransactionBuilder(engineInfo, Operation.CREATE_TABLE)
            .withSchema(SCHEMA)
            .build(engine)
            .commit(engine);
      } catch (KernelException createdMeanwhile) {
        Table.forPath(engine, path).getLatestSnapshot(engine); // fails if it still is not there
      }
    }
  }

  /**
   * Writes the dead letters past the dead-letter table's recorded offsets, with the batch's last
   * offsets as the new ones.
   */
  void commit(List<DeadLetter> dead, Map<Integer, Long> lastOffsets) {
    Snapshot s = Table.forPath(engine, path).getLatestSnapshot(engine);
    TransactionBuilder b =
        Table.forPath(engine, path)
            .createTransactionBuilder(engineInfo, Operation.STREAMING_UPDATE);
    Map<Integer, Long> done = new HashMap<>();
    for (Map.Entry<Integer, Long> e : lastOffsets.entrySet()) {
      long recorded = s.getLatestTransactionVersion(engine, txnId(e.getKey())).orElse(-1L);
      done.put(e.getKey(), recorded);
      if (e.getValue() > recorded) {
        b = b.withTransactionId(txnId(e.getKey()), e.getValue());
      }
    }
    List<byte[]> rows = new ArrayList<>();
    for (DeadLetter d : dead) {
      if (d.record().offset() > done.get(d.record().partition())) {
        rows.add(json(d).getBytes(StandardCharsets.UTF_8));
      }
    }
    if (rows.isEmpty()) {
      return; // a retried batch whose dead letters were committed before
    }
    Transaction t = b.build(engine);
    t.writeRows(engine, CloseableIterator.of(List.of(rows(rows))));
    t.commit(engine);
  }

  private static void quote(StringBuilder sb, String s) {
    if (s == null) {
      sb.append("null");
    } else {
      AvroMessages.quote(sb, s);
    }
  }

  private static String json(DeadLetter d) {
    StringBuilder sb = new StringBuilder("{\"raw_base64\":");
    quote(
        sb,
        d.record().value() == null ? null : Base64.getEncoder().encodeToString(d.record().value()));
    sb.append(",\"error\":");
    quote(sb, d.error());
    sb.append(",\"topic\":");
    quote(sb, d.record().topic());
    sb.append(",\"partition\":").append(d.record().partition());
    sb.append(",\"offset\":").append(d.record().offset());
    sb.append(",\"timestamp\":");
    quote(sb, Instant.ofEpochMilli(d.record().timestamp()).toString());
    return sb.append('}').toString();
  }
}
