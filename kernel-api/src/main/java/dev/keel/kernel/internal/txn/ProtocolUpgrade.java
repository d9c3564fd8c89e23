package dev.keel.kernel.internal.txn;

import dev.keel.kernel.Metadata;
import dev.keel.kernel.Protocol;
import dev.keel.kernel.TableProperties;
import dev.keel.kernel.internal.Values;
import dev.keel.kernel.internal.scan.ColumnMapping;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.types.TimestampNTZType;
import dev.keel.kernel.types.VariantType;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The protocol an existing table needs after a metadata change (PROTOCOL.md, "Table Features"):
 * enabling deletion vectors, the change data feed, append-only, in-commit timestamps, column
 * mapping or V2 checkpoints, or adding a timestamp_ntz or variant column, adds the feature. A
 * legacy protocol that lacks it becomes a table-features protocol (writer 7, reader 3 when a reader
 * feature is needed) listing every feature the legacy versions implied, as Spark does.
 */
final class ProtocolUpgrade {
  private ProtocolUpgrade() {}

  /** Reader-writer features; the others Keel adds here are writer-only. */
  private static final Set<String> READER_WRITER =
      Set.of("deletionVectors", "columnMapping", "v2Checkpoint", "timestampNtz", "variantType");

  /**
   * @return the protocol the metadata needs: {@code current} itself when it has every feature
   *     already
   */
  static Protocol forMetadata(Protocol current, Metadata metadata) {
    Set<String> needed = needed(metadata);
    boolean missing = false;
    for (String f : needed) {
      missing |= !supports(current, f);
    }
    if (!missing) {
      return current;
    }
    Set<String> writer = new LinkedHashSet<>(impliedWriterFeatures(current));
    writer.addAll(current.getWriterFeatures());
    writer.addAll(needed);
    Set<String> reader = new LinkedHashSet<>(current.getReaderFeatures());
    if (!current.supportsReaderFeatures() && current.getMinReaderVersion() >= 2) {
      reader.add("columnMapping");
    }
    for (String f : needed) {
      if (READER_WRITER.contains(f)) {
        reader.add(f);
      }
    }
    return reader.isEmpty()
        ? Values.make().protocol(1, 7, Set.of(), writer)
        : Values.make().protocol(3, 7, reader, writer);
  }

  private static Set<String> needed(Metadata metadata) {
    Map<String, String> c = metadata.getConfiguration();
    Set<String> out = new LinkedHashSet<>();
    if (TableProperties.of(c).isTrue(TableProperties.APPEND_ONLY)) {
      out.add("appendOnly");
    }
    if (TableProperties.of(c).isTrue(TableProperties.ENABLE_CHANGE_DATA_FEED)) {
      out.add("changeDataFeed");
    }
    if (TableProperties.of(c).isTrue(TableProperties.ENABLE_DELETION_VECTORS)) {
      out.add("deletionVectors");
    }
    if (TableProperties.of(c).isTrue(TableProperties.ENABLE_IN_COMMIT_TIMESTAMPS)) {
      out.add("inCommitTimestamp");
    }
    if (ColumnMapping.mode(c) != ColumnMapping.Mode.NONE) {
      out.add("columnMapping");
    }
    if ("v2".equals(c.get(TableProperties.CHECKPOINT_POLICY))) {
      out.add("v2Checkpoint");
    }
    StructType schema = metadata.getSchema();
    if (NewTable.contains(schema, TimestampNTZType.class)) {
      out.add("timestampNtz");
    }
    if (NewTable.contains(schema, VariantType.class)) {
      out.add("variantType");
    }
    return out;
  }

  /** Whether the protocol has the feature, listed or implied by a legacy version. */
  static boolean supports(Protocol p, String feature) {
    if (p.supportsWriterFeatures()) {
      return p.getWriterFeatures().contains(feature)
          && (!READER_WRITER.contains(feature)
              || !p.supportsReaderFeatures()
              || p.getReaderFeatures().contains(feature)
              || (feature.equals("columnMapping") && p.getMinReaderVersion() == 2));
    }
    if (feature.equals("columnMapping")) {
      return p.getMinWriterVersion() >= 5 && p.getMinReaderVersion() >= 2;
    }
    return impliedWriterFeatures(p).contains(feature);
  }

  /** The writer features a legacy writer version stands for (none for writer version 7). */
  static Set<String> impliedWriterFeatures(Protocol p) {
    Set<String> out = new LinkedHashSet<>();
    if (p.supportsWriterFeatures()) {
      return out;
    }
    int w = p.getMinWriterVersion();
    if (w >= 2) {
      out.addAll(List.of("appendOnly", "invariants"));
    }
    if (w >= 3) {
      out.add("checkConstraints");
    }
    if (w >= 4) {
      out.addAll(List.of("changeDataFeed", "generatedColumns"));
    }
    if (w >= 5) {
      out.add("columnMapping");
    }
    if (w >= 6) {
      out.add("identityColumns");
    }
    return out;
  }
}
