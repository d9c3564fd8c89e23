package dev.keel.connectors.sharing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a recipient's connector does with a response: downloads every file through its URL and
 * writes a local Delta log naming the downloaded copies, so the table can be read as it was shared.
 * The {@code delta} format's actions are written as they came (paths and deletion vector URLs
 * replaced by the local copies); the {@code parquet} format's files become plain {@code add} and
 * {@code remove} actions of a protocol-1 table. A change response becomes one commit per version,
 * after empty commits up to its start, so the change data feed can be read over the same versions.
 */
final class RecipientTable {
  private final SharingClient client;
  private final Path dir;
  private final Map<String, String> downloaded = new HashMap<>();
  private int files;

  private RecipientTable(SharingClient client, Path dir) {
    this.client = client;
    this.dir = dir;
  }

  /** A query's answer as a local table at version 0. */
  static Path fromQuery(SharingClient client, List<JsonNode> lines, Path dir) {
    return new RecipientTable(client, dir).write(lines, 0, 0, false);
  }

  /** A changes answer as a local table whose commits {@code start..end} hold the changes. */
  static Path fromChanges(
      SharingClient client, List<JsonNode> lines, long start, long end, Path dir) {
    return new RecipientTable(client, dir).write(lines, start, end, true);
  }

  private Path write(List<JsonNode> lines, long start, long end, boolean changes) {
    JsonNode protocol = null;
    JsonNode metadata = null;
    TreeMap<Long, List<ObjectNode>> commits = new TreeMap<>();
    for (long v = 0; v <= end; v++) {
      commits.put(v, new ArrayList<>());
    }
    for (JsonNode line : lines) {
      if (line.has("protocol")) {
        JsonNode p = line.get("protocol");
        protocol = p.has("deltaProtocol") ? p.get("deltaProtocol") : parquetProtocol();
      } else if (line.has("metaData")) {
        JsonNode m = line.get("metaData");
        JsonNode meta = m.has("deltaMetadata") ? m.get("deltaMetadata") : parquetMetadata(m);
        if (metadata == null) {
          metadata = meta;
        } else if (m.has("version")) {
          commits.get(m.get("version").asLong()).add(wrap("metaData", meta));
        }
      } else if (line.has("endStreamAction")) {
        JsonNode error = line.get("endStreamAction").get("errorMessage");
        if (error != null) {
          throw new AssertionError("the server ended the response with an error: " + error);
        }
      } else {
        ObjectNode action = fileAction(line);
        long version = changes ? versionOf(line) : 0;
        commits.computeIfAbsent(version, v -> new ArrayList<>()).add(action);
      }
    }
    if (protocol == null || metadata == null) {
      throw new AssertionError("the response has no protocol or metadata line: " + lines);
    }
    try {
      Path log = Files.createDirectories(dir.resolve("_delta_log"));
      for (Map.Entry<Long, List<ObjectNode>> c : commits.entrySet()) {
        StringBuilder text = new StringBuilder();
        long time = 1_700_000_000_000L + c.getKey() * 1000;
        text.append("{\"commitInfo\":{\"timestamp\":")
            .append(time)
            .append(",\"inCommitTimestamp\":")
            .append(time)
            .append(",\"operation\":\"WRITE\"}}\n");
        if (c.getKey() == 0) {
          text.append(wrap("protocol", protocol)).append('\n');
          text.append(wrap("metaData", metadata)).append('\n');
        }
        for (ObjectNode a : c.getValue()) {
          text.append(a).append('\n');
        }
        Files.writeString(log.resolve(String.format("%020d.json", c.getKey())), text);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  private static long versionOf(JsonNode line) {
    JsonNode inner = line.elements().next();
    if (!inner.has("version")) {
      throw new AssertionError("a change line has no version: " + line);
    }
    return inner.get("version").asLong();
  }

  private ObjectNode fileAction(JsonNode line) {
    if (line.has("file") && line.get("file").has("deltaSingleAction")) {
      JsonNode single = line.get("file").get("deltaSingleAction");
      String kind = single.fieldNames().next();
      ObjectNode action = single.get(kind).deepCopy();
      action.put("path", local(action.get("path").asText(), ".parquet"));
      JsonNode dv = action.get("deletionVector");
      if (dv != null && "p".equals(dv.path("storageType").asText())) {
        ((ObjectNode) dv)
            .put(
                "pathOrInlineDv",
                "file:" + dir.resolve(local(dv.get("pathOrInlineDv").asText(), ".bin")));
      }
      return wrap(kind, action);
    }
    String kind = line.fieldNames().next();
    JsonNode f = line.get(kind);
    ObjectNode action = SharingClient.JSON.createObjectNode();
    action.put("path", local(f.get("url").asText(), ".parquet"));
    action.set("partitionValues", f.get("partitionValues"));
    action.put("size", f.get("size").asLong());
    switch (kind) {
      case "file", "add" -> {
        action.put("modificationTime", 0);
        action.put("dataChange", true);
        if (f.has("stats")) {
          action.put("stats", f.get("stats").asText());
        }
        return wrap("add", action);
      }
      case "remove" -> {
        action.put("dataChange", true);
        action.put("extendedFileMetadata", true);
        return wrap("remove", action);
      }
      case "cdf" -> {
        action.put("dataChange", false);
        return wrap("cdc", action);
      }
      default -> throw new AssertionError("unknown line: " + line);
    }
  }

  /** Downloads a URL once; the local path relative to the table. */
  private String local(String url, String extension) {
    String key = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
    return downloaded.computeIfAbsent(
        key,
        k -> {
          String name = "data/f" + (files++) + extension;
          try {
            Path target = dir.resolve(name);
            Files.createDirectories(target.getParent());
            Files.write(target, client.download(url));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          return name;
        });
  }

  private static ObjectNode wrap(String kind, JsonNode action) {
    ObjectNode o = SharingClient.JSON.createObjectNode();
    o.set(kind, action);
    return o;
  }

  private static JsonNode parquetProtocol() {
    return SharingClient.json("{\"minReaderVersion\":1,\"minWriterVersion\":2}");
  }

  private static JsonNode parquetMetadata(JsonNode m) {
    ObjectNode out = SharingClient.JSON.createObjectNode();
    for (String f :
        List.of("id", "name", "description", "schemaString", "partitionColumns", "configuration")) {
      if (m.has(f)) {
        out.set(f, m.get(f));
      }
    }
    out.set("format", SharingClient.json("{\"provider\":\"parquet\",\"options\":{}}"));
    return out;
  }
}
