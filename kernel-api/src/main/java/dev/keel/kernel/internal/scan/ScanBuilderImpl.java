package dev.keel.kernel.internal.scan;

import static java.util.Objects.requireNonNull;

import dev.keel.kernel.Scan;
import dev.keel.kernel.ScanBuilder;
import dev.keel.kernel.expressions.Predicate;
import dev.keel.kernel.internal.snapshot.SnapshotImpl;
import dev.keel.kernel.types.StructType;
import java.util.Optional;

/** The implementation of {@link ScanBuilder}. */
public final class ScanBuilderImpl implements ScanBuilder {
  private final SnapshotImpl snapshot;
  private final Optional<StructType> readSchema;
  private final Optional<Predicate> filter;
  private final boolean fileStatistics;
  private final boolean typedStatistics;

  public ScanBuilderImpl(SnapshotImpl snapshot) {
    this(snapshot, Optional.empty(), Optional.empty(), true, false);
  }

  private ScanBuilderImpl(
      SnapshotImpl snapshot,
      Optional<StructType> readSchema,
      Optional<Predicate> filter,
      boolean fileStatistics,
      boolean typedStatistics) {
    this.snapshot = snapshot;
    this.readSchema = readSchema;
    this.filter = filter;
    this.fileStatistics = fileStatistics;
    this.typedStatistics = typedStatistics;
  }

  @Override
  public ScanBuilder withReadSchema(StructType schema) {
    return new ScanBuilderImpl(
        snapshot,
        Optional.of(requireNonNull(schema, "readSchema is null")),
        filter,
        fileStatistics,
        typedStatistics);
  }

  @Override
  public ScanBuilder withFilter(Predicate predicate) {
    return new ScanBuilderImpl(
        snapshot,
        readSchema,
        Optional.of(requireNonNull(predicate, "filter is null")),
        fileStatistics,
        typedStatistics);
  }

  @Override
  public ScanBuilder withFileStatistics(boolean include) {
    return new ScanBuilderImpl(snapshot, readSchema, filter, include, typedStatistics);
  }

  @Override
  public ScanBuilder withTypedStatistics(boolean typed) {
    return new ScanBuilderImpl(snapshot, readSchema, filter, fileStatistics, typed);
  }

  @Override
  public Scan build() {
    StructType schema =
        readSchema
            .map(s -> ColumnMapping.resolveReadSchema(s, snapshot.getSchema()))
            .orElse(snapshot.getSchema());
    return new ScanImpl(snapshot, schema, filter, fileStatistics, typedStatistics);
  }
}
