package dev.keel.connectors.trino;

import dev.keel.kernel.AddFile;
import io.airlift.slice.Slice;
import io.airlift.slice.Slices;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a worker's merge sink hands the coordinator, as Trino fragments: {@code A} and an added
 * file's JSON, or {@code D}, a file path's length, the path, and the row indexes to delete from it.
 */
final class MergeFragments {
  private MergeFragments() {}

  static Slice added(AddFile file) {
    return Slices.utf8Slice("A" + file.toJson());
  }

  static Slice deleted(String path, long[] rows) {
    StringBuilder sb = new StringBuilder("D").append(path.length()).append(':').append(path);
    for (int i = 0; i < rows.length; i++) {
      sb.append(i == 0 ? "" : ",").append(rows[i]);
    }
    return Slices.utf8Slice(sb.toString());
  }

  /** The fragments of every worker, decoded: added files and row indexes by path. */
  static void decode(
      Collection<Slice> fragments, List<AddFile> added, Map<String, long[]> deleted) {
    Map<String, List<long[]>> parts = new HashMap<>();
    for (Slice f : fragments) {
      String s = f.toStringUtf8();
      if (s.startsWith("A")) {
        added.add(AddFile.fromJson(s.substring(1)));
        continue;
      }
      int colon = s.indexOf(':');
      int length = Integer.parseInt(s.substring(1, colon));
      String path = s.substring(colon + 1, colon + 1 + length);
      String rows = s.substring(colon + 1 + length);
      long[] values =
          rows.isEmpty()
              ? new long[0]
              : java.util.Arrays.stream(rows.split(",")).mapToLong(Long::parseLong).toArray();
      parts.computeIfAbsent(path, p -> new ArrayList<>()).add(values);
    }
    parts.forEach(
        (path, lists) ->
            deleted.put(
                path, lists.stream().flatMapToLong(java.util.Arrays::stream).distinct().toArray()));
  }
}
