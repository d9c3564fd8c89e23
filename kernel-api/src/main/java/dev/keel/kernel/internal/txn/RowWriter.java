package dev.keel.kernel.internal.txn;

import dev.keel.kernel.AddFile;
import dev.keel.kernel.TransactionState;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.expressions.Literal;
import dev.keel.kernel.internal.util.Parallel;
import dev.keel.kernel.utils.CloseableIterator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Writes rows of a table's full schema ({@code TransactionState.writeRows}): routes each batch's
 * rows to their partitions ({@link PartitionRouter}), holds up to {@value #HELD_BATCHES} batches so
 * that a partition's rows in them share files, and writes the partitions at once ({@link
 * DataWriter#write} each, on the engine's executor through {@link Parallel}).
 */
public final class RowWriter {
  private RowWriter() {}

  /** How many batches are held open before their rows are written. */
  static final int HELD_BATCHES = 16;

  /** See {@code TransactionState.writeRows}. */
  public static List<AddFile> writeRows(
      Engine engine, TransactionState state, CloseableIterator<ColumnarBatch> rows) {
    List<AddFile> files = new ArrayList<>();
    List<ColumnarBatch> held = new ArrayList<>();
    Map<Map<String, Literal>, List<ColumnarBatch>> partitions = new LinkedHashMap<>();
    try (rows) {
      try {
        while (rows.hasNext()) {
          ColumnarBatch batch = rows.next();
          held.add(batch);
          PartitionRouter.route(
              state.getTablePath(),
              state.getSchema(),
              state.getPartitionColumns(),
              batch,
              (values, group) ->
                  partitions.computeIfAbsent(values, v -> new ArrayList<>()).add(group));
          if (held.size() == HELD_BATCHES) {
            files.addAll(writePartitions(engine, state, partitions));
            partitions.clear();
            closeAll(held);
          }
        }
        files.addAll(writePartitions(engine, state, partitions));
      } catch (RuntimeException e) {
        rows.forEachRemaining(ColumnarBatch::close); // handed over: closed whatever happens
        throw e;
      } finally {
        closeAll(held);
      }
    }
    return files;
  }

  /** One partition's rows, or some of its batches' rows: written as files of their own. */
  private record Part(Map<String, Literal> values, List<ColumnarBatch> groups, long rows) {
    static Part of(Map<String, Literal> values, List<ColumnarBatch> groups) {
      long rows = 0;
      for (ColumnarBatch g : groups) {
        rows += g.getSize();
      }
      return new Part(values, groups, rows);
    }
  }

  /**
   * Writes each partition's rows (views of held batches) as that partition's files, several
   * partitions at once ({@link Engine#getDataWriteParallelism()}). With fewer partitions than the
   * parallelism, the parts with the most rows are split between their batches until there are
   * enough (each part its own files), so that an unpartitioned table's batches are written at once
   * too.
   *
   * @return the files, partition by partition in the order given
   */
  private static List<AddFile> writePartitions(
      Engine engine,
      TransactionState state,
      Map<Map<String, Literal>, List<ColumnarBatch>> partitions) {
    int parallelism = engine.getExecutor().isPresent() ? engine.getDataWriteParallelism() : 1;
    List<Part> parts = new ArrayList<>();
    partitions.forEach((values, groups) -> parts.add(Part.of(values, groups)));
    while (parts.size() < parallelism) {
      int largest = -1;
      for (int i = 0; i < parts.size(); i++) {
        if (parts.get(i).groups.size() > 1
            && (largest < 0 || parts.get(i).rows > parts.get(largest).rows)) {
          largest = i;
        }
      }
      if (largest < 0) {
        break; // every part is one batch
      }
      Part p = parts.get(largest);
      int half = p.groups.size() / 2;
      parts.set(largest, Part.of(p.values, p.groups.subList(0, half)));
      parts.add(largest + 1, Part.of(p.values, p.groups.subList(half, p.groups.size())));
    }
    List<Supplier<List<AddFile>>> tasks = new ArrayList<>();
    for (Part p : parts) {
      tasks.add(() -> DataWriter.write(engine, state, p.values, CloseableIterator.of(p.groups)));
    }
    List<AddFile> out = new ArrayList<>();
    Parallel.map(engine.getExecutor(), parallelism, tasks).forEach(out::addAll);
    return out;
  }

  private static void closeAll(List<ColumnarBatch> batches) {
    RuntimeException failure = null;
    for (ColumnarBatch b : batches) {
      try {
        b.close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    batches.clear();
    if (failure != null) {
      throw failure;
    }
  }
}
