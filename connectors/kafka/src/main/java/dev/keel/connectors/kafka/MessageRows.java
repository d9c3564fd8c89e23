package dev.keel.connectors.kafka;

import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.exceptions.KernelException;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns a batch of Kafka messages into rows of a table: Avro decoded to JSON, transforms applied,
 * the JSON parsed into the table's schema in one go, and, where that fails, message by message to
 * set the ones that do not fit aside as dead letters.
 */
final class MessageRows {
  private final Engine engine;
  private final AvroMessages avro; // null for JSON messages
  private final Transforms transforms;

  MessageRows(Engine engine, AvroMessages avro, Transforms transforms) {
    this.engine = engine;
    this.avro = avro;
    this.transforms = transforms;
  }

  /** The messages of a batch as JSON (Avro decoded, transforms applied), and their records. */
  record Prepared(List<ConsumerRecord<byte[], byte[]>> records, List<byte[]> texts) {}

  /**
   * Decodes Avro messages to JSON and applies the transforms; a message that fails either is a dead
   * letter.
   */
  Prepared prepare(List<ConsumerRecord<byte[], byte[]>> batch, List<DeadLetter> dead) {
    List<ConsumerRecord<byte[], byte[]>> kept = new ArrayList<>(batch.size());
    List<byte[]> texts = new ArrayList<>(batch.size());
    for (ConsumerRecord<byte[], byte[]> r : batch) {
      byte[] text = r.value();
      try {
        if (text != null && avro != null) {
          text = avro.toJson(text);
        }
        if (text != null && !transforms.isEmpty()) {
          text = transforms.apply(text, r);
        }
      } catch (java.io.IOException | RuntimeException e) {
        dead.add(new DeadLetter(r, e.getMessage() == null ? e.toString() : e.getMessage()));
        continue;
      }
      kept.add(r);
      texts.add(text);
    }
    return new Prepared(kept, texts);
  }

  /** Batches at least this large are parsed in two halves at once. */
  private static final int PARALLEL_ROWS = 8192;

  /**
   * Parses the messages in parts: two halves at once, on this thread and the engine's executor,
   * when the batch is large and the engine has an executor; else in one part.
   *
   * @return the good messages as batches of rows of {@code schema}; the caller closes them
   */
  List<ColumnarBatch> parseGood(Prepared prepared, StructType schema, List<DeadLetter> dead) {
    int n = prepared.texts().size();
    if (n < PARALLEL_ROWS || engine.getExecutor().isEmpty()) {
      return List.of(parsePart(prepared, schema, dead));
    }
    int half = n / 2;
    Prepared first =
        new Prepared(prepared.records().subList(0, half), prepared.texts().subList(0, half));
    Prepared second =
        new Prepared(prepared.records().subList(half, n), prepared.texts().subList(half, n));
    List<DeadLetter> secondDead = new ArrayList<>();
    java.util.concurrent.CompletableFuture<ColumnarBatch> other =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> parsePart(second, schema, secondDead), engine.getExecutor().get());
    ColumnarBatch mine;
    try {
      mine = parsePart(first, schema, dead);
    } catch (RuntimeException e) {
      other.thenAccept(ColumnarBatch::close);
      throw e;
    }
    try {
      ColumnarBatch theirs = other.join();
      dead.addAll(secondDead);
      return List.of(mine, theirs);
    } catch (java.util.concurrent.CompletionException e) {
      mine.close();
      throw e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause() : e;
    }
  }

  /**
   * Parses the messages as one batch; where that fails, one by one to find the bad ones (then the
   * good ones are parsed together again).
   *
   * @return the good messages as rows of {@code schema}; the caller closes the batch
   */
  private ColumnarBatch parsePart(Prepared prepared, StructType schema, List<DeadLetter> dead) {
    List<ConsumerRecord<byte[], byte[]>> batch = prepared.records;
    List<byte[]> texts = prepared.texts;
    Parsed whole = check(texts, schema);
    if (whole.error.isEmpty()) {
      return whole.rows;
    }
    List<byte[]> good = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      Parsed one = check(java.util.Collections.singletonList(texts.get(i)), schema);
      if (one.error.isPresent() && texts.get(i) != null) {
        // an object or array where the table has a string column is kept as its JSON text
        byte[] stringified = stringifyNestedForStringColumns(texts.get(i), schema);
        if (stringified != null) {
          Parsed again = check(java.util.Collections.singletonList(stringified), schema);
          if (again.error.isEmpty()) {
            texts.set(i, stringified);
            one = again;
          } else if (again.rows != null) {
            again.rows.close();
          }
        }
      }
      if (one.error.isEmpty()) {
        one.rows.close();
        good.add(texts.get(i));
      } else {
        dead.add(new DeadLetter(batch.get(i), one.error.get()));
      }
    }
    return parse(good, schema);
  }

  /** Messages parsed as rows of the table (open; the caller closes it), or why they cannot be. */
  private record Parsed(ColumnarBatch rows, Optional<String> error) {}

  private Parsed check(List<byte[]> texts, StructType schema) {
    for (byte[] text : texts) {
      if (text == null) {
        return new Parsed(null, Optional.of("the message has no value (a tombstone)"));
      }
    }
    ColumnarBatch rows;
    try {
      rows = parse(texts, schema);
    } catch (KernelException | IllegalArgumentException | ArithmeticException e) {
      return new Parsed(null, Optional.of(e.getMessage() == null ? e.toString() : e.getMessage()));
    }
    for (int c = 0; c < schema.length(); c++) {
      if (!schema.at(c).isNullable()) {
        for (int r = 0; r < rows.getSize(); r++) {
          if (rows.getColumnVector(c).isNullAt(r)) {
            rows.close();
            return new Parsed(
                null,
                Optional.of(
                    "no value for the non-nullable column `" + schema.at(c).getName() + "`"));
          }
        }
      }
    }
    return new Parsed(rows, Optional.empty());
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper TREES =
      new com.fasterxml.jackson.databind.ObjectMapper();

  /**
   * @return the message with each top-level object or array value whose column is a string replaced
   *     by its JSON text, or null when there is none (or the message is not an object)
   */
  private static byte[] stringifyNestedForStringColumns(byte[] message, StructType schema) {
    try {
      com.fasterxml.jackson.databind.JsonNode tree = TREES.readTree(message);
      if (!(tree instanceof com.fasterxml.jackson.databind.node.ObjectNode)) {
        return null;
      }
      com.fasterxml.jackson.databind.node.ObjectNode o =
          (com.fasterxml.jackson.databind.node.ObjectNode) tree;
      boolean changed = false;
      for (StructField f : schema.getFields()) {
        com.fasterxml.jackson.databind.JsonNode v = o.get(f.getName());
        if (v != null && v.isContainerNode() && f.getDataType().equals(DataTypes.STRING)) {
          o.put(f.getName(), v.toString());
          changed = true;
        }
      }
      return changed ? TREES.writeValueAsBytes(o) : null;
    } catch (java.io.IOException notJson) {
      return null;
    }
  }

  ColumnarBatch parse(List<byte[]> texts, StructType target) {
    return engine.getJsonHandler().parseJson(new StringVector(texts), target, Optional.empty());
  }

  private static final com.fasterxml.jackson.core.JsonFactory JSON =
      new com.fasterxml.jackson.core.JsonFactory();

  /**
   * The top-level fields of the messages that {@code schema} does not have, typed from the first
   * value seen: long, double, string or boolean. Nested objects and arrays under new names are left
   * out; a later value that does not fit the type fails the parse (a dead letter).
   */
  static Map<String, DataType> newFields(List<byte[]> messages, StructType schema) {
    Map<String, DataType> added = new java.util.LinkedHashMap<>();
    for (byte[] message : messages) {
      if (message == null) {
        continue;
      }
      try (com.fasterxml.jackson.core.JsonParser p = JSON.createParser(message)) {
        if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
          continue;
        }
        while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
          String name = p.currentName();
          com.fasterxml.jackson.core.JsonToken value = p.nextToken();
          if (schema.indexOf(name) < 0 && !added.containsKey(name)) {
            DataType type =
                switch (value) {
                  case VALUE_NUMBER_INT -> DataTypes.LONG;
                  case VALUE_NUMBER_FLOAT -> DataTypes.DOUBLE;
                  case VALUE_STRING -> DataTypes.STRING;
                  case VALUE_TRUE, VALUE_FALSE -> DataTypes.BOOLEAN;
                  default -> null;
                };
            if (type != null) {
              added.put(name, type);
            }
          }
          p.skipChildren();
        }
      } catch (java.io.IOException notJson) {
        // the parse sends it to the dead-letter table
      }
    }
    return added;
  }
}
