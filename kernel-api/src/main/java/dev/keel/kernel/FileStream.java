package dev.keel.kernel;

import dev.keel.kernel.annotations.Evolving;
import dev.keel.kernel.data.Row;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.expressions.Predicate;
import java.util.List;
import java.util.Optional;

/**
 * The files a continuous reader reads next, step by step: first (when it starts at a snapshot) the
 * snapshot's live files, then commit by commit the files each commit adds, with the scan's
 * partition pruning and data skipping applied. Not thread-safe; one consumer calls {@link #next} in
 * a loop:
 *
 * <pre>{@code
 * FileStream stream = table.getFileStream().startingAt(saved).build(engine);
 * while (running) {
 *   FileStream.Step step = stream.next(engine);
 *   for (Row file : step.getFiles()) {
 *     try (CloseableIterator<FilteredColumnarBatch> rows = stream.getScanState().readFile(engine, file)) { ... }
 *   }
 *   saved = step.getNextPosition();               // keep it with what was read, atomically
 *   if (step.isCaughtUp()) { sleep(pollInterval); }
 * }
 * }</pre>
 *
 * <p>Policies, as Delta's streaming source has them: a commit that removes data ({@code remove}
 * with {@code dataChange} true) fails the step with a {@link
 * dev.keel.kernel.exceptions.StreamingException} naming the version, unless the builder says {@code
 * ignoreDeletes} (commits that only remove are skipped) or {@code ignoreChanges} (removes are
 * ignored and rewritten files handed out again). A schema change the stream's schema cannot read,
 * or a protocol Keel cannot read, fails the step too.
 */
@Evolving
public interface FileStream {
  /** One step: some files, and where to continue. */
  interface Step {
    /**
     * @return scan file rows ({@link ScanFile#SCHEMA}), serializable with {@link ScanFile#toJson}
     */
    List<Row> getFiles();

    /**
     * @return the position after these files
     */
    StreamPosition getNextPosition();

    /**
     * @return true when there was nothing new: no commit after the position yet
     */
    boolean isCaughtUp();
  }

  /**
   * @return the state to read the files with ({@link ScanState#readFile})
   */
  ScanState getScanState();

  /**
   * @return the part of the filter the reader must still apply to rows
   */
  Optional<Predicate> getRemainingFilter();

  /**
   * @return the position the next step starts at
   */
  StreamPosition getPosition();

  /**
   * Reads the next files: the rest of the starting snapshot's files, or the files of the next
   * commit, at most the builder's bounds at once (a commit's files may take several steps).
   *
   * @param engine the engine
   * @return the step; its files are empty when there was nothing new, or when a commit added no
   *     file the filter keeps
   * @throws dev.keel.kernel.exceptions.StreamingException when a commit breaks the stream's policy;
   *     the position is left before that commit
   */
  Step next(Engine engine);
}
