package dev.keel.kernel;

import dev.keel.kernel.annotations.Stable;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.expressions.Predicate;
import dev.keel.kernel.utils.CloseableIterator;
import java.util.Optional;

/**
 * A planned read of a snapshot. Two ways to use it:
 *
 * <ul>
 *   <li>On one machine: {@link #readData(Engine)} returns the logical rows of every file that may
 *       match, deletion vectors applied. Evaluate {@link #getRemainingFilter()} on them.
 *   <li>Distributed: {@link #getScanFiles(Engine)} on a coordinator, then ship {@link
 *       #getScanState()} (see {@link ScanState#toJson()}) and each file ({@link ScanFile#toJson})
 *       to workers, which call {@link ScanState#readFile}.
 * </ul>
 */
@Stable
public interface Scan {
  /**
   * @param engine the engine
   * @return the files to read, as batches of {@link ScanFile#SCHEMA} rows with a selection vector;
   *     files pruned by partition values or skipped by statistics are not selected. The caller
   *     closes the iterator and each batch.
   */
  CloseableIterator<FilteredColumnarBatch> getScanFiles(Engine engine);

  /**
   * @return the part of the filter Keel does not guarantee to have applied (every conjunct that
   *     references a non-partition column); empty when the filter was fully applied by partition
   *     pruning or there is no filter
   */
  Optional<Predicate> getRemainingFilter();

  /**
   * @return what a worker needs, besides a scan file, to read it into logical rows
   */
  ScanState getScanState();

  /**
   * Reads every selected scan file into logical batches of the read schema, deletion vectors
   * applied as selection vectors. The remaining filter is not applied.
   *
   * <p>With {@link Engine#getDataReadParallelism()} above 1, that many files are read at once on
   * background threads, each at most a few batches ahead of the caller, and batches come in the
   * order they are read: the batches of different files interleave, each file's batches keep their
   * row order. With 1, files are read one after another on the caller's thread, in scan-file order,
   * so the row order is the same from run to run. Closing the iterator early stops the reads and
   * closes every batch not handed out.
   *
   * @param engine the engine
   * @return the rows; the caller closes the iterator and each batch
   * @throws dev.keel.kernel.exceptions.KernelException from {@code hasNext} if a file or its
   *     deletion vector cannot be read, after the batches of the files before it
   */
  CloseableIterator<FilteredColumnarBatch> readData(Engine engine);
}
