package dev.keel.kernel.internal.log;

import dev.keel.kernel.Metadata;
import dev.keel.kernel.Protocol;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.internal.Values;
import dev.keel.kernel.internal.util.Json;
import dev.keel.kernel.utils.FileStatus;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A version checksum file ({@code NNN.crc}, PROTOCOL.md "Version Checksum File"). Used for the
 * protocol, metadata and table totals only when it parses and has every required field; a malformed
 * file is ignored, never trusted.
 */
public final class Checksum {
  public final Protocol protocol;
  public final Metadata metadata;
  public final long tableSizeBytes;
  public final long numFiles;
  public final Optional<Long> inCommitTimestamp;
  public final Optional<Map<String, Long>> setTransactions;
  public final Optional<Map<String, String>> domainMetadata;

  private Checksum(
      Protocol protocol,
      Metadata metadata,
      long tableSizeBytes,
      long numFiles,
      Optional<Long> ict,
      Optional<Map<String, Long>> txns,
      Optional<Map<String, String>> domains) {
    this.protocol = protocol;
    this.metadata = metadata;
    this.tableSizeBytes = tableSizeBytes;
    this.numFiles = numFiles;
    this.inCommitTimestamp = ict;
    this.setTransactions = txns;
    this.domainMetadata = domains;
  }

  /**
   * @return the parsed checksum, or empty when the file is unreadable or incomplete
   */
  public static Optional<Checksum> read(Engine engine, FileStatus file) {
    try (InputStream in = engine.getFileSystemClient().open(file.getPath())) {
      Object tree = Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      return parse(tree);
    } catch (Exception malformed) {
      return Optional.empty();
    }
  }

  @SuppressWarnings("unchecked")
  static Optional<Checksum> parse(Object tree) {
    if (!(tree instanceof Map)) {
      return Optional.empty();
    }
    Map<String, Object> m = (Map<String, Object>) tree;
    Object p = m.get("protocol");
    Object md = m.get("metadata");
    if (!(p instanceof Map)
        || !(md instanceof Map)
        || !(m.get("tableSizeBytes") instanceof Long)
        || !(m.get("numFiles") instanceof Long)) {
      return Optional.empty();
    }
    Map<String, Object> pm = (Map<String, Object>) p;
    Map<String, Object> mm = (Map<String, Object>) md;
    if (!isInt(pm.get("minReaderVersion"))
        || !isInt(pm.get("minWriterVersion"))
        || !(mm.get("id") instanceof String)
        || !(mm.get("schemaString") instanceof String)) {
      return Optional.empty();
    }
    Protocol protocol =
        Values.make()
            .protocol(
                ((Long) pm.get("minReaderVersion")).intValue(),
                ((Long) pm.get("minWriterVersion")).intValue(),
                new LinkedHashSet<>(strings(pm.get("readerFeatures"))),
                new LinkedHashSet<>(strings(pm.get("writerFeatures"))));
    Map<String, Object> format =
        mm.get("format") instanceof Map ? (Map<String, Object>) mm.get("format") : Map.of();
    Metadata metadata =
        Values.make()
            .metadata(
                (String) mm.get("id"),
                Optional.ofNullable((String) mm.get("name")),
                Optional.ofNullable((String) mm.get("description")),
                format.get("provider") instanceof String
                    ? (String) format.get("provider")
                    : "parquet",
                stringMap(format.get("options")),
                (String) mm.get("schemaString"),
                strings(mm.get("partitionColumns")),
                stringMap(mm.get("configuration")),
                mm.get("createdTime") instanceof Long
                    ? Optional.of((Long) mm.get("createdTime"))
                    : Optional.empty());
    Optional<Long> ict =
        m.get("inCommitTimestampOpt") instanceof Long
            ? Optional.of((Long) m.get("inCommitTimestampOpt"))
            : Optional.empty();
    Optional<Map<String, Long>> txns = Optional.empty();
    if (m.get("setTransactions") instanceof List) {
      Map<String, Long> t = new TreeMap<>();
      for (Object o : (List<Object>) m.get("setTransactions")) {
        Map<String, Object> txn = (Map<String, Object>) o;
        t.put((String) txn.get("appId"), (Long) txn.get("version"));
      }
      txns = Optional.of(t);
    }
    Optional<Map<String, String>> domains = Optional.empty();
    if (m.get("domainMetadata") instanceof List) {
      Map<String, String> d = new TreeMap<>();
      for (Object o : (List<Object>) m.get("domainMetadata")) {
        Map<String, Object> dm = (Map<String, Object>) o;
        if (!Boolean.TRUE.equals(dm.get("removed"))) {
          d.put((String) dm.get("domain"), (String) dm.get("configuration"));
        }
      }
      domains = Optional.of(d);
    }
    return Optional.of(
        new Checksum(
            protocol,
            metadata,
            (Long) m.get("tableSizeBytes"),
            (Long) m.get("numFiles"),
            ict,
            txns,
            domains));
  }

  /** A version the protocol can hold; a larger one makes the checksum unusable, not truncated. */
  private static boolean isInt(Object o) {
    return o instanceof Long && (Long) o >= 0 && (Long) o <= Integer.MAX_VALUE;
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Object o) {
    List<String> out = new ArrayList<>();
    if (o instanceof List) {
      for (Object e : (List<Object>) o) {
        out.add((String) e);
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> stringMap(Object o) {
    Map<String, String> out = new LinkedHashMap<>();
    if (o instanceof Map) {
      for (Map.Entry<String, Object> e : ((Map<String, Object>) o).entrySet()) {
        out.put(e.getKey(), e.getValue() == null ? null : String.valueOf(e.getValue()));
      }
    }
    return out;
  }
}
