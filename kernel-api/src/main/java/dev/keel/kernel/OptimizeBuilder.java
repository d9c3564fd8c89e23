package dev.keel.kernel;

import dev.keel.kernel.annotations.Evolving;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.expressions.Predicate;
import java.util.List;

/**
 * Configures an optimize of a table ({@link Table#createOptimizeBuilder()}): compaction of its
 * small files, optionally ordering rows along a Z-order curve. Immutable: each call returns a new
 * builder.
 *
 * <pre>{@code
 * MaintenanceResult r = table.createOptimizeBuilder()
 *     .withPartitionFilter(Expressions.equal(Expressions.column("day"), Literal.ofString("2026-12-01")))
 *     .zOrderBy(List.of("x", "y"))
 *     .execute(engine);
 * }</pre>
 */
@Evolving
public interface OptimizeBuilder {
  /**
   * @param partitionFilter which partitions to optimize; may name partition columns only (default:
   *     all partitions)
   * @return a builder with the filter
   */
  OptimizeBuilder withPartitionFilter(Predicate partitionFilter);

  /**
   * @param bytes the size files are packed up to, and about the size of the files written, at least
   *     1 (default: the table's {@link TableProperties#TARGET_FILE_SIZE}, 128 MiB unless set)
   * @return a builder with the size
   * @throws IllegalArgumentException if {@code bytes} is below 1
   */
  OptimizeBuilder withTargetFileSize(long bytes);

  /**
   * @param bytes files smaller than this are compacted, larger ones left alone unless they have a
   *     deletion vector; at least 1 and at most the target size (default: the target size)
   * @return a builder with the size
   * @throws IllegalArgumentException if {@code bytes} is below 1
   */
  OptimizeBuilder withMinFileSize(long bytes);

  /**
   * @param columns data columns of orderable types whose Z-order curve each partition's rows are
   *     ordered along; every file of each chosen partition is then rewritten (default: none, plain
   *     compaction)
   * @return a builder with the columns
   */
  OptimizeBuilder zOrderBy(List<String> columns);

  /**
   * @param progress told of the bytes rewritten (step {@code rewrite}) as the work proceeds
   *     (default: {@link MaintenanceProgress#NONE})
   * @return a builder with the listener
   */
  OptimizeBuilder withProgress(MaintenanceProgress progress);

  /**
   * Runs the optimize as one commit (operation {@code OPTIMIZE}) whose adds and removes say {@code
   * dataChange: false}; see {@link Table#optimize(Engine, java.util.Optional, long)}.
   *
   * @param engine the engine
   * @return the files removed ({@link MaintenanceResult#getPaths()}), how many were written, and
   *     the version committed (empty when there was nothing to compact)
   * @throws dev.keel.kernel.exceptions.InvalidExpressionException if the filter names a data column
   *     or a Z-order column is not a data column
   * @throws IllegalArgumentException if the minimum file size is above the target size
   * @throws dev.keel.kernel.exceptions.UnsupportedProtocolException if Keel does not write the
   *     table
   * @throws dev.keel.kernel.exceptions.ConcurrentWriteException if a concurrent commit removed a
   *     file being rewritten
   */
  MaintenanceResult execute(Engine engine);
}
