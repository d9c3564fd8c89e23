package dev.keel.kernel;

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
 *   <li>Distributed: {@link #getScanFiles(Engine)} on a coordinator, then ship
 *       {@link #getScanState()} (see {@link ScanState#toJson()}) and each file
 *       ({@link ScanFile#toJson}) to workers, which call {@link ScanState#readFile}.
 * </ul>
 */
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

  /** @return what a worker needs, besides a scan file, to read it into logical rows */
  ScanState getScanState();

  /**
   * Reads every selected scan file into logical batches of the read schema, deletion vectors
   * applied as selection vectors. The remaining filter is not applied.
   *
   * @param engine the engine
   * @return the rows; the caller closes the iterator and each batch
   */
  CloseableIterator<FilteredColumnarBatch> readData(Engine engine);
}
