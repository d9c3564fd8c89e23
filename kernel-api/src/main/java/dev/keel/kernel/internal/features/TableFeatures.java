package dev.keel.kernel.internal.features;

import dev.keel.kernel.Protocol;
import dev.keel.kernel.internal.Errors;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Every table feature of PROTOCOL.md and what Keel does with it. Reader-writer features appear in
 * both {@code readerFeatures} and {@code writerFeatures}; writer-only ones only in the latter.
 * {@link #checkReadable} refuses a table before anything but its protocol is read.
 */
public final class TableFeatures {
  private TableFeatures() {}

  /**
   * A feature: its name, whether readers must understand it, and whether Keel reads tables using
   * it.
   */
  public static final class Feature {
    public final String name;
    public final boolean readerWriter;
    public final boolean keelReads;

    Feature(String name, boolean readerWriter, boolean keelReads) {
      this.name = name;
      this.readerWriter = readerWriter;
      this.keelReads = keelReads;
    }
  }

  private static final Map<String, Feature> FEATURES = new LinkedHashMap<>();

  private static void readerWriter(String name, boolean keelReads) {
    FEATURES.put(name, new Feature(name, true, keelReads));
  }

  private static void writerOnly(String name) {
    FEATURES.put(name, new Feature(name, false, true));
  }

  static {
    writerOnly("appendOnly");
    writerOnly("invariants");
    writerOnly("checkConstraints");
    writerOnly("generatedColumns");
    writerOnly("allowColumnDefaults");
    writerOnly("changeDataFeed");
    writerOnly("identityColumns");
    writerOnly("rowTracking");
    writerOnly("domainMetadata");
    writerOnly("icebergCompatV1");
    writerOnly("icebergCompatV2");
    writerOnly("icebergWriterCompatV1");
    writerOnly("clustering");
    writerOnly("inCommitTimestamp");
    writerOnly("checkpointProtection");
    writerOnly("materializePartitionColumns");
    readerWriter("columnMapping", true);
    readerWriter("deletionVectors", true);
    readerWriter("timestampNtz", true);
    readerWriter("v2Checkpoint", true);
    readerWriter("vacuumProtocolCheck", true);
    readerWriter("typeWidening", true);
    readerWriter("typeWidening-preview", true);
    readerWriter("variantType", true);
    readerWriter("variantType-preview", true);
    readerWriter("variantShredding", true);
    readerWriter("variantShredding-preview", true);
    // Known but refused: a catalog-managed table must be read through its catalog, which may hold
    // commits not yet published to _delta_log; geospatial types are not modelled yet.
    readerWriter("catalogManaged", false);
    readerWriter("catalogOwned-preview", false);
    readerWriter("geospatial", false);
  }

  /** The highest reader version Keel reads. */
  public static final int MAX_READER_VERSION = 3;

  /**
   * @return the features Keel knows, by name
   */
  public static Map<String, Feature> all() {
    return Collections.unmodifiableMap(FEATURES);
  }

  /**
   * @return the reader features Keel reads, sorted
   */
  public static List<String> supportedReaderFeatures() {
    List<String> out = new ArrayList<>();
    for (Feature f : FEATURES.values()) {
      if (f.readerWriter && f.keelReads) {
        out.add(f.name);
      }
    }
    Collections.sort(out);
    return out;
  }

  /**
   * Refuses a protocol Keel cannot read: a reader version above 3, or reader features that are
   * unknown or known but not supported.
   */
  public static void checkReadable(String table, Protocol protocol) {
    if (protocol.getMinReaderVersion() > MAX_READER_VERSION || protocol.getMinReaderVersion() < 1) {
      throw Errors.unsupportedReaderVersion(
          table, protocol.getMinReaderVersion(), MAX_READER_VERSION);
    }
    if (protocol.supportsReaderFeatures()) {
      TreeSet<String> unsupported = new TreeSet<>();
      for (String name : protocol.getReaderFeatures()) {
        Feature f = FEATURES.get(name);
        if (f == null || !f.keelReads) {
          unsupported.add(name);
        }
      }
      if (!unsupported.isEmpty()) {
        throw Errors.unsupportedReaderFeatures(table, unsupported, supportedReaderFeatures());
      }
    }
  }

  /**
   * Whether the feature is in effect for readers: listed, or implied by a legacy reader version.
   */
  public static boolean isReaderFeatureActive(Protocol protocol, String name) {
    if (protocol.supportsReaderFeatures()) {
      return protocol.getReaderFeatures().contains(name);
    }
    return "columnMapping".equals(name) && protocol.getMinReaderVersion() >= 2;
  }
}
