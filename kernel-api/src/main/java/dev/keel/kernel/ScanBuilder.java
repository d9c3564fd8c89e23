package dev.keel.kernel;

import dev.keel.kernel.annotations.Stable;
import dev.keel.kernel.expressions.Predicate;
import dev.keel.kernel.types.StructType;

/**
 * Configures a {@link Scan} of a snapshot. Immutable: each call returns a new builder.
 *
 * <pre>{@code
 * Scan scan = snapshot.getScanBuilder()
 *     .withReadSchema(new StructType(List.of(snapshot.getSchema().get("id").get())))
 *     .withFilter(Expressions.greaterThan(Expressions.column("year"), Literal.ofInt(2020)))
 *     .build();
 * }</pre>
 */
@Stable
public interface ScanBuilder {
  /**
   * @param readSchema the columns to read: fields of the table schema (matched by name), structs
   *     possibly projected to some of their fields; partition columns may be included
   * @return a builder reading these columns
   */
  ScanBuilder withReadSchema(StructType readSchema);

  /**
   * @param filter a predicate on logical columns; files that cannot hold matching rows are skipped,
   *     and {@link Scan#getRemainingFilter()} says what the caller must still evaluate
   * @return a builder with this filter
   */
  ScanBuilder withFilter(Predicate filter);

  /**
   * Whether scan files carry the {@code stats} of their add actions (the default). An engine that
   * plans without file statistics passes {@code false}: {@link Scan#getScanFiles} then leaves the
   * {@code stats} column null, and the log is read without it (on a checkpoint of a million files
   * that is most of its bytes). A scan whose filter needs statistics for data skipping still reads
   * them to skip files, and hands them out as usual.
   *
   * @param include false to leave statistics out of scan files
   * @return a builder with this setting
   */
  ScanBuilder withFileStatistics(boolean include);

  /**
   * Whether scan files carry their statistics typed, for a cost-based planner (default false). With
   * {@code true}, each batch of {@link Scan#getScanFiles} has one more column after {@link
   * ScanFile#SCHEMA}'s, named {@link ScanFile#TYPED_STATISTICS}: a struct of {@code numRecords}
   * (long), {@code minValues} and {@code maxValues} (the read schema's data columns that have
   * statistics, in their types, nested structs included) and {@code nullCount} (longs), fields
   * named by the columns' logical names (column mapping resolved). The struct is null for a file
   * without statistics, and a field is null where the statistics leave it out. Statistics come from
   * a checkpoint's {@code stats_parsed} where it has them for every file of a batch, else from the
   * {@code stats} JSON, parsed once per file. Columns of types without an order (binary, boolean,
   * variant, arrays, maps) have no statistics here.
   *
   * @param typed true to add the typed statistics column
   * @return a builder with this setting
   */
  ScanBuilder withTypedStatistics(boolean typed);

  /**
   * @return the scan
   * @throws dev.keel.kernel.exceptions.InvalidExpressionException if the read schema names a column
   *     the table does not have
   */
  Scan build();
}
