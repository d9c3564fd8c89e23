package dev.keel.kernel.internal.txn;

import dev.keel.kernel.Metadata;
import dev.keel.kernel.Protocol;
import dev.keel.kernel.internal.util.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON lines of the actions Keel writes. */
final class ActionJson {
  private ActionJson() {}

  static String protocol(Protocol p) {
    return Json.toJson(Map.of("protocol", protocolFields(p)));
  }

  /** The fields of a protocol action. */
  static Map<String, Object> protocolFields(Protocol p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("minReaderVersion", (long) p.getMinReaderVersion());
    m.put("minWriterVersion", (long) p.getMinWriterVersion());
    if (p.supportsReaderFeatures()) {
      m.put("readerFeatures", new ArrayList<Object>(p.getReaderFeatures()));
    }
    if (p.supportsWriterFeatures()) {
      m.put("writerFeatures", new ArrayList<Object>(p.getWriterFeatures()));
    }
    return m;
  }

  static String metadata(Metadata md) {
    return Json.toJson(Map.of("metaData", metadataFields(md)));
  }

  /** The fields of a metaData action. */
  static Map<String, Object> metadataFields(Metadata md) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", md.getId());
    md.getName().ifPresent(n -> m.put("name", n));
    md.getDescription().ifPresent(d -> m.put("description", d));
    Map<String, Object> format = new LinkedHashMap<>();
    format.put("provider", md.getFormatProvider());
    format.put("options", new LinkedHashMap<String, Object>(md.getFormatOptions()));
    m.put("format", format);
    m.put("schemaString", md.getSchemaString());
    m.put("partitionColumns", new ArrayList<Object>(md.getPartitionColumns()));
    m.put("configuration", new LinkedHashMap<String, Object>(md.getConfiguration()));
    md.getCreatedTime().ifPresent(t -> m.put("createdTime", t));
    return m;
  }

  static String txn(String appId, long version, long lastUpdated) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("appId", appId);
    m.put("version", version);
    m.put("lastUpdated", lastUpdated);
    return Json.toJson(Map.of("txn", m));
  }

  static String domainMetadata(String domain, String configuration) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("domain", domain);
    m.put("configuration", configuration);
    m.put("removed", false);
    return Json.toJson(Map.of("domainMetadata", m));
  }

  static String add(String addJson) {
    return "{\"add\":" + addJson + "}";
  }
}
