package dev.keel.kernel.internal.actions;

import dev.keel.kernel.Metadata;
import dev.keel.kernel.Protocol;
import dev.keel.kernel.data.ArrayValue;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.MapValue;
import dev.keel.kernel.internal.Errors;
import dev.keel.kernel.internal.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Turns action structs in vectors (of the {@link ActionSchemas} shapes) into kernel values. */
public final class ActionReaders {
  private ActionReaders() {}

  public static Optional<String> string(ColumnVector v, int row) {
    return v.isNullAt(row) ? Optional.empty() : Optional.of(v.getString(row));
  }

  public static Optional<Long> longValue(ColumnVector v, int row) {
    return v.isNullAt(row) ? Optional.empty() : Optional.of(v.getLong(row));
  }

  public static List<String> stringList(ColumnVector v, int row) {
    List<String> out = new ArrayList<>();
    if (v.isNullAt(row)) {
      return out;
    }
    ArrayValue a = v.getArray(row);
    ColumnVector e = a.getElements();
    for (int i = 0; i < a.getSize(); i++) {
      out.add(e.isNullAt(i) ? null : e.getString(i));
    }
    return out;
  }

  public static Map<String, String> stringMap(ColumnVector v, int row) {
    Map<String, String> out = new LinkedHashMap<>();
    if (v.isNullAt(row)) {
      return out;
    }
    MapValue m = v.getMap(row);
    ColumnVector keys = m.getKeys();
    ColumnVector values = m.getValues();
    for (int i = 0; i < m.getSize(); i++) {
      out.put(keys.getString(i), values.isNullAt(i) ? null : values.getString(i));
    }
    return out;
  }

  /**
   * @param protocol a vector of {@link ActionSchemas#PROTOCOL} structs
   * @param logFile the log file the action is read from, for messages
   * @throws dev.keel.kernel.exceptions.InvalidTableException if the action lacks either version,
   *     both of which the protocol requires
   */
  public static Protocol protocol(ColumnVector protocol, int row, String logFile) {
    for (int v = 0; v < 2; v++) {
      if (protocol.getChild(v).isNullAt(row)) {
        throw Errors.invalidProtocolVersion(
            logFile, v == 0 ? "minReaderVersion" : "minWriterVersion", null);
      }
    }
    int reader = protocol.getChild(0).getInt(row);
    int writer = protocol.getChild(1).getInt(row);
    Set<String> readerFeatures = new LinkedHashSet<>(stringList(protocol.getChild(2), row));
    Set<String> writerFeatures = new LinkedHashSet<>(stringList(protocol.getChild(3), row));
    return Values.make().protocol(reader, writer, readerFeatures, writerFeatures);
  }

  /**
   * @param metadata a vector of {@link ActionSchemas#METADATA} structs
   * @return the metadata; a missing schema string is returned as null in {@code schemaString}'s
   *     place by {@link #schemaStringOf}
   */
  public static Metadata metadata(ColumnVector metadata, int row) {
    ColumnVector format = metadata.getChild(3);
    String provider = "parquet";
    Map<String, String> options = new LinkedHashMap<>();
    if (!format.isNullAt(row)) {
      provider = string(format.getChild(0), row).orElse("parquet");
      options = stringMap(format.getChild(1), row);
    }
    return Values.make()
        .metadata(
            string(metadata.getChild(0), row).orElse(""),
            string(metadata.getChild(1), row),
            string(metadata.getChild(2), row),
            provider,
            options,
            string(metadata.getChild(4), row).orElse(""),
            stringList(metadata.getChild(5), row),
            stringMap(metadata.getChild(6), row),
            longValue(metadata.getChild(7), row));
  }

  /**
   * @return whether the metaData struct at {@code row} has a schema string
   */
  public static boolean hasSchemaString(ColumnVector metadata, int row) {
    return !metadata.getChild(4).isNullAt(row);
  }
}
