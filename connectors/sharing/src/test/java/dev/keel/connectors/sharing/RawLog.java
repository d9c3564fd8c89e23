package dev.keel.connectors.sharing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tests' own reading of a table's JSON commits, independent of Keel: each commit's actions as
 * Jackson trees, and the live {@code add} actions at a version (by path; tables without checkpoints
 * or deletion vectors only).
 */
final class RawLog {
  private final Path table;

  RawLog(Path table) {
    this.table = table;
  }

  Path commitFile(long version) {
    return table.resolve("_delta_log").resolve(String.format("%020d.json", version));
  }

  List<JsonNode> actions(long version) {
    List<JsonNode> out = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(commitFile(version))) {
        if (!line.isBlank()) {
          out.add(SharingClient.json(line));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The first action of that kind in a commit. */
  JsonNode first(long version, String kind) {
    return actions(version).stream()
        .filter(a -> a.has(kind))
        .map(a -> a.get(kind))
        .findFirst()
        .orElseThrow();
  }

  /** The live files at a version, by path. */
  Map<String, JsonNode> liveFiles(long version) {
    Map<String, JsonNode> live = new LinkedHashMap<>();
    for (long v = 0; v <= version; v++) {
      for (JsonNode a : actions(v)) {
        if (a.has("add")) {
          live.put(a.get("add").get("path").asText(), a.get("add"));
        } else if (a.has("remove")) {
          live.remove(a.get("remove").get("path").asText());
        }
      }
    }
    return live;
  }

  long modificationTime(long version) {
    try {
      return Files.getLastModifiedTime(commitFile(version)).toMillis();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
