package dev.keel.connectors.flink;

import dev.keel.kernel.expressions.Expressions;
import dev.keel.kernel.expressions.Predicate;
import dev.keel.kernel.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.ScanTableSource;
import org.apache.flink.table.connector.source.SourceProvider;
import org.apache.flink.table.connector.source.abilities.SupportsFilterPushDown;
import org.apache.flink.table.connector.source.abilities.SupportsProjectionPushDown;
import org.apache.flink.table.expressions.ResolvedExpression;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;

/**
 * A Delta table as a Flink SQL scan: the declared columns are checked against the table's, the
 * projection becomes the source's columns and the filters Keel can evaluate become its filter
 * (files pruned by statistics and partition values, rows filtered in the readers); the others stay
 * with Flink.
 */
final class KeelTableSource
    implements ScanTableSource, SupportsProjectionPushDown, SupportsFilterPushDown {
  private final Supplier<KeelSource.Builder> builder;
  private final RowType declared;
  private final String name;
  private List<String> columns;
  private final List<Predicate> filters = new ArrayList<>();

  /**
   * @param builder a new builder with the table's options on each call: projection and filters are
   *     set on a fresh one for each plan
   */
  KeelTableSource(Supplier<KeelSource.Builder> builder, RowType declared, String name) {
    this.builder = builder;
    this.declared = declared;
    this.name = name;
    this.columns = declared.getFieldNames();
  }

  @Override
  public ChangelogMode getChangelogMode() {
    return ChangelogMode.insertOnly();
  }

  @Override
  public ScanRuntimeProvider getScanRuntimeProvider(ScanContext context) {
    KeelSource.Builder b = builder.get().columns(columns.toArray(new String[0]));
    if (!filters.isEmpty()) {
      b.filter(Expressions.and(filters));
    }
    KeelSource source = b.build();
    checkDeclared(source);
    return SourceProvider.of(source);
  }

  /** The columns Flink was told about must have the types the source produces. */
  private void checkDeclared(KeelSource source) {
    RowType produced = source.getRowType();
    for (int i = 0; i < produced.getFieldCount(); i++) {
      String column = produced.getFieldNames().get(i);
      LogicalType is = produced.getTypeAt(i).copy(true);
      LogicalType said = declared.getTypeAt(declared.getFieldIndex(column)).copy(true);
      if (!is.equals(said)) {
        throw new ValidationException(
            "Column "
                + column
                + " of "
                + name
                + " is declared "
                + said.asSummaryString()
                + " but the Delta table's column is "
                + is.asSummaryString()
                + "; declare it so");
      }
    }
  }

  @Override
  public boolean supportsNestedProjection() {
    return false;
  }

  @Override
  public void applyProjection(int[][] projectedFields, DataType producedDataType) {
    List<String> projected = new ArrayList<>();
    for (int[] path : projectedFields) {
      projected.add(declared.getFieldNames().get(path[0]));
    }
    this.columns = projected;
  }

  @Override
  public Result applyFilters(List<ResolvedExpression> given) {
    StructType schema = RowDataConverter.schema(declared);
    List<ResolvedExpression> accepted = new ArrayList<>();
    List<ResolvedExpression> remaining = new ArrayList<>();
    for (ResolvedExpression e : given) {
      Optional<Predicate> p = FlinkPredicates.convert(e, schema);
      if (p.isPresent()) {
        filters.add(p.get());
        accepted.add(e);
      } else {
        remaining.add(e);
      }
    }
    return Result.of(accepted, remaining);
  }

  @Override
  public DynamicTableSource copy() {
    KeelTableSource copy = new KeelTableSource(builder, declared, name);
    copy.columns = columns;
    copy.filters.addAll(filters);
    return copy;
  }

  @Override
  public String asSummaryString() {
    return "Keel" + (filters.isEmpty() ? "" : " filter=" + filters);
  }
}
