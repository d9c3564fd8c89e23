package dev.keel.connectors.trino;

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.VarcharType.VARCHAR;

import dev.keel.kernel.Changes;
import dev.keel.kernel.Table;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.exceptions.KernelException;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import io.airlift.slice.Slice;
import io.trino.spi.Page;
import io.trino.spi.StandardErrorCode;
import io.trino.spi.TrinoException;
import io.trino.spi.block.Block;
import io.trino.spi.block.BlockBuilder;
import io.trino.spi.connector.ConnectorAccessControl;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorSplit;
import io.trino.spi.connector.ConnectorSplitSource;
import io.trino.spi.connector.ConnectorTableCredentials;
import io.trino.spi.connector.ConnectorTransactionHandle;
import io.trino.spi.connector.FixedSplitSource;
import io.trino.spi.connector.SchemaTableName;
import io.trino.spi.function.table.AbstractConnectorTableFunction;
import io.trino.spi.function.table.Argument;
import io.trino.spi.function.table.ConnectorTableFunctionHandle;
import io.trino.spi.function.table.Descriptor;
import io.trino.spi.function.table.ReturnTypeSpecification;
import io.trino.spi.function.table.ScalarArgument;
import io.trino.spi.function.table.ScalarArgumentSpecification;
import io.trino.spi.function.table.TableFunctionAnalysis;
import io.trino.spi.function.table.TableFunctionProcessorProvider;
import io.trino.spi.function.table.TableFunctionProcessorState;
import io.trino.spi.function.table.TableFunctionSplitProcessor;
import io.trino.spi.type.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The change data feed as a table function, {@code TABLE(keel.system.table_changes(schema_name =>
 * 's', table_name => 't', since_version => 3))}: the table's columns and {@code _change_type},
 * {@code _commit_version}, {@code _commit_timestamp} for every commit after {@code since_version}
 * (all commits without it), from Keel's {@link Changes}. The coordinator lists the change files;
 * each is a split that a worker reads with {@link Changes#readChangeFile}.
 */
final class TableChanges extends AbstractConnectorTableFunction {
  private final Engine engine;
  private final KeelTypes types;
  private final Function<SchemaTableName, Optional<String>> locations;

  TableChanges(
      Engine engine, KeelTypes types, Function<SchemaTableName, Optional<String>> locations) {
    super(
        "system",
        "table_changes",
        List.of(
            ScalarArgumentSpecification.builder().name("SCHEMA_NAME").type(VARCHAR).build(),
            ScalarArgumentSpecification.builder().name("TABLE_NAME").type(VARCHAR).build(),
            ScalarArgumentSpecification.builder()
                .name("SINCE_VERSION")
                .type(BIGINT)
                .defaultValue(null)
                .build()),
        ReturnTypeSpecification.GenericTable.GENERIC_TABLE);
    this.engine = engine;
    this.types = types;
    this.locations = locations;
  }

  /**
   * Public only for Trino's JSON serialization between coordinator and workers; not an API.
   *
   * @param location the table
   * @param fromVersion the first commit read
   * @param toVersion the last commit read (the latest when the query was planned)
   * @param columns the returned columns, in order
   */
  public record Handle(
      String location, long fromVersion, long toVersion, List<KeelColumnHandle> columns)
      implements ConnectorTableFunctionHandle {}

  /**
   * Public only for Trino's JSON serialization between coordinator and workers; not an API.
   *
   * @param state {@code Changes.getStateJson()}
   * @param changeFile one of {@code Changes.getChangeFiles()}
   */
  public record Split(String state, String changeFile) implements ConnectorSplit {
    @Override
    public long getRetainedSizeInBytes() {
      return 64 + 2L * (state.length() + changeFile.length());
    }
  }

  @Override
  public TableFunctionAnalysis analyze(
      ConnectorSession session,
      ConnectorTransactionHandle transaction,
      Map<String, Argument> arguments,
      ConnectorAccessControl accessControl) {
    String schema = text(arguments, "SCHEMA_NAME");
    String table = text(arguments, "TABLE_NAME");
    Object since = ((ScalarArgument) arguments.get("SINCE_VERSION")).getValue();
    SchemaTableName name =
        new SchemaTableName(schema.toLowerCase(Locale.ENGLISH), table.toLowerCase(Locale.ENGLISH));
    String location =
        locations
            .apply(name)
            .orElseThrow(
                () ->
                    new TrinoException(
                        StandardErrorCode.TABLE_NOT_FOUND, "Table " + name + " does not exist"));
    try {
      long latest = Table.forPath(engine, location).getLatestSnapshot(engine).getVersion();
      long from = since == null ? 0 : (Long) since + 1;
      // after the latest commit there are no changes; the columns are still the latest's
      Changes changes = changes(location, Math.min(from, latest), latest);
      List<KeelColumnHandle> columns = new ArrayList<>();
      List<Descriptor.Field> fields = new ArrayList<>();
      for (StructField f : changes.getSchema().getFields()) {
        if (KeelTypes.isVisible(f.getDataType())) {
          Type t = types.toTrino(f.getDataType());
          columns.add(new KeelColumnHandle(f.getName(), t));
          fields.add(new Descriptor.Field(f.getName(), Optional.of(t)));
        }
      }
      return TableFunctionAnalysis.builder()
          .returnedType(new Descriptor(fields))
          .handle(new Handle(location, from, latest, columns))
          .build();
    } catch (KernelException e) {
      throw KeelErrorCode.fromKernel(e);
    }
  }

  private static String text(Map<String, Argument> arguments, String name) {
    Object value = ((ScalarArgument) arguments.get(name)).getValue();
    if (value == null) {
      throw new TrinoException(StandardErrorCode.INVALID_FUNCTION_ARGUMENT, name + " is null");
    }
    return ((Slice) value).toStringUtf8();
  }

  private Changes changes(String location, long from, long to) {
    return Table.forPath(engine, location)
        .getChanges()
        .fromVersion(from)
        .toVersion(to)
        .build(engine);
  }

  /** One split per change file; none when no commit followed {@code since_version}. */
  ConnectorSplitSource splits(ConnectorTableFunctionHandle function) {
    Handle h = (Handle) function;
    if (h.fromVersion() > h.toVersion()) {
      return new FixedSplitSource(List.of());
    }
    try {
      Changes changes = changes(h.location(), h.fromVersion(), h.toVersion());
      String state = changes.getStateJson();
      List<Split> splits = new ArrayList<>();
      for (String file : changes.getChangeFiles(engine)) {
        splits.add(new Split(state, file));
      }
      return new FixedSplitSource(splits);
    } catch (KernelException e) {
      throw KeelErrorCode.fromKernel(e);
    }
  }

  /** Reads the change files of the splits on a worker. */
  TableFunctionProcessorProvider processors() {
    return new TableFunctionProcessorProvider() {
      @Override
      public TableFunctionSplitProcessor getSplitProcessor(
          ConnectorSession session,
          ConnectorTableFunctionHandle handle,
          Optional<ConnectorTableCredentials> tableCredentials,
          ConnectorSplit split) {
        return new Reader(((Handle) handle).columns(), (Split) split);
      }
    };
  }

  private final class Reader implements TableFunctionSplitProcessor {
    private final List<KeelColumnHandle> columns;
    private final CloseableIterator<FilteredColumnarBatch> batches;

    Reader(List<KeelColumnHandle> columns, Split split) {
      this.columns = columns;
      try {
        this.batches = Changes.readChangeFile(engine, split.state(), split.changeFile());
      } catch (KernelException e) {
        throw KeelErrorCode.fromKernel(e);
      }
    }

    @Override
    public TableFunctionProcessorState process() {
      try {
        if (!batches.hasNext()) {
          return TableFunctionProcessorState.Finished.FINISHED;
        }
        try (FilteredColumnarBatch batch = batches.next()) {
          return TableFunctionProcessorState.Processed.produced(page(batch));
        }
      } catch (KernelException e) {
        throw KeelErrorCode.fromKernel(e);
      }
    }

    private Page page(FilteredColumnarBatch batch) {
      ColumnarBatch data = batch.getData();
      StructType schema = data.getSchema();
      Block[] blocks = new Block[columns.size()];
      int count = batch.getSelectedCount();
      for (int c = 0; c < blocks.length; c++) {
        KeelColumnHandle column = columns.get(c);
        int ordinal = schema.indexOf(column.name());
        BlockBuilder out = column.type().createBlockBuilder(null, count);
        for (int i = 0; i < data.getSize(); i++) {
          if (batch.isSelected(i)) {
            PageConverter.append(
                data.getColumnVector(ordinal),
                i,
                schema.at(ordinal).getDataType(),
                column.type(),
                out);
          }
        }
        blocks[c] = out.build();
      }
      return new Page(count, blocks);
    }

    @Override
    public void close() {
      batches.close();
    }
  }
}
