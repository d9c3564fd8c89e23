package dev.keel.kernel;

import dev.keel.kernel.annotations.Evolving;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.types.StructType;

/**
 * Configures a read of a table's change data feed (PROTOCOL.md, "Change Data Files"): the rows that
 * a range of commits inserted, deleted and updated. Immutable: each call returns a new builder.
 * Obtained from {@link Table#getChanges()}.
 *
 * <pre>{@code
 * Changes changes = table.getChanges().fromVersion(5).toVersion(9).build(engine);
 * try (CloseableIterator<FilteredColumnarBatch> rows = changes.readData(engine)) { ... }
 * }</pre>
 */
@Evolving
public interface ChangesBuilder {
  /**
   * @param version the first commit whose changes are read, inclusive
   * @return a builder starting there
   */
  ChangesBuilder fromVersion(long version);

  /**
   * @param timestampMillis epoch milliseconds: the range starts at the first commit made at or
   *     after this time (commit timestamps as time travel has them: in-commit timestamps where
   *     enabled, else file times); resolved by {@link #build}
   * @return a builder starting there
   */
  ChangesBuilder fromTimestamp(long timestampMillis);

  /**
   * @param timestampMillis epoch milliseconds: the range ends at the newest commit made at or
   *     before this time; resolved by {@link #build}
   * @return a builder ending there
   */
  ChangesBuilder toTimestamp(long timestampMillis);

  /**
   * @param version the last commit whose changes are read, inclusive; the latest by default
   * @return a builder ending there
   */
  ChangesBuilder toVersion(long version);

  /**
   * @param readSchema the table's columns to read (fields of the schema at the end version, by
   *     name); every column by default. The change columns are always added after them.
   * @return a builder reading these columns
   */
  ChangesBuilder withReadSchema(StructType readSchema);

  /**
   * @param filter a predicate on the table's columns: change files whose partition values cannot
   *     match it are not read; the rest of it is {@link Changes#getRemainingFilter()}, for the
   *     caller to evaluate on the rows
   * @return a builder with this filter
   */
  ChangesBuilder withFilter(dev.keel.kernel.expressions.Predicate filter);

  /**
   * Resolves the range against the log and checks that its changes can be read.
   *
   * @param engine the engine
   * @return the changes of the range
   * @throws IllegalStateException if no start was given
   * @throws dev.keel.kernel.exceptions.VersionNotFoundException if a time is outside the table's
   *     history (the message gives the bounds)
   * @throws dev.keel.kernel.exceptions.VersionNotFoundException if the range starts after its end
   *     or after the latest version, or its commits were removed from the log
   * @throws dev.keel.kernel.exceptions.ChangeDataNotAvailableException if a commit of the range had
   *     the change data feed disabled, or the schema changed incompatibly within the range
   */
  Changes build(Engine engine);
}
