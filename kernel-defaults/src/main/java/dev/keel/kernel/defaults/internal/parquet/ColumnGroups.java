package dev.keel.kernel.defaults.internal.parquet;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Splitting a batch's column decoders into groups decoded on different threads. The decoders of
 * a plan that is column by column only write disjoint vectors (each enclosing struct is claimed
 * by one decoder), so groups need no coordination; what they must not share is parquet-hadoop's
 * page reading, whose decompressors belong to one file reader: each group reads its columns'
 * chunks through a reader of its own, opened with the schema {@link #project}ed to those columns.
 */
final class ColumnGroups {
  private static final AtomicInteger THREADS = new AtomicInteger();
  /** Daemon threads created on demand and reused; how many work at once is bounded by the engine's setting per file. */
  static final ExecutorService DECODERS = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "keel-parquet-decoder-" + THREADS.incrementAndGet());
    t.setDaemon(true);
    return t;
  });

  private ColumnGroups() {}

  /**
   * Assigns units (columns or maps) to at most {@code groups} groups of about equal weight, the
   * heaviest first each to the lightest group so far.
   *
   * @return per unit, its group (0 to {@code groups - 1}); every group gets at least one unit when
   *     there are as many units as groups
   */
  static int[] assign(long[] weights, int groups) {
    int n = weights.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Long.compare(weights[b], weights[a]));
    long[] load = new long[groups];
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      int lightest = 0;
      for (int g = 1; g < groups; g++) {
        if (load[g] < load[lightest]) {
          lightest = g;
        }
      }
      out[order[i]] = lightest;
      load[lightest] += Math.max(1, weights[order[i]]);
    }
    return out;
  }

  /** @return {@code schema} with only the leaves at {@code leafPaths} and the groups above them */
  static MessageType project(MessageType schema, List<String[]> leafPaths) {
    Set<String> prefixes = new HashSet<>();
    for (String[] path : leafPaths) {
      StringBuilder p = new StringBuilder();
      for (String name : path) {
        if (p.length() > 0) {
          p.append('\u0000');
        }
        p.append(name);
        prefixes.add(p.toString());
      }
    }
    return new MessageType(schema.getName(), keep(schema, "", prefixes));
  }

  private static List<Type> keep(GroupType group, String prefix, Set<String> prefixes) {
    List<Type> out = new ArrayList<>();
    for (Type t : group.getFields()) {
      String p = prefix.isEmpty() ? t.getName() : prefix + '\u0000' + t.getName();
      if (!prefixes.contains(p)) {
        continue;
      }
      out.add(t.isPrimitive() ? t : t.asGroupType().withNewFields(keep(t.asGroupType(), p, prefixes)));
    }
    return out;
  }
}
